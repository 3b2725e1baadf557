/** Training runs the fitter reads: one row per run, added in bulk (a pasted CSV) in one transaction. */
import { z } from 'zod';
import { inTransaction, type RepoContext } from '../context';
import { notFound } from '../errors';
import type { RunRow } from '../types';
import { finiteSchema, parseInput, positiveSchema, requireId } from '../validation';
import type { ProjectRepository } from './projects';

export interface RunInput {
  name?: string;
  /** Active parameters. */
  nAct: number;
  nTotal?: number | null;
  tokens: number;
  flops?: number | null;
  experts?: number | null;
  loss: number;
  lr?: number | null;
  batch?: number | null;
  /** Activated experts G (shared plus routed), ≥ 1. */
  activatedExperts?: number | null;
  /** Shared-expert ratio S, in [0, 1]. */
  sharedRatio?: number | null;
}

export const runInputSchema = z.object({
  name: z.string().max(200).optional(),
  nAct: positiveSchema,
  nTotal: positiveSchema.nullable().optional(),
  tokens: positiveSchema,
  flops: positiveSchema.nullable().optional(),
  experts: positiveSchema.nullable().optional(),
  loss: finiteSchema,
  lr: positiveSchema.nullable().optional(),
  batch: positiveSchema.nullable().optional(),
  activatedExperts: finiteSchema.refine((v) => v >= 1, 'must be at least 1').nullable().optional(),
  sharedRatio: finiteSchema.refine((v) => v >= 0 && v <= 1, 'must be between 0 and 1').nullable().optional(),
});
const runsSchema = z.array(runInputSchema).max(1_000_000);

interface Raw {
  id: number;
  project_id: string;
  name: string;
  n_act: number;
  n_total: number | null;
  tokens: number;
  flops: number | null;
  experts: number | null;
  loss: number;
  lr: number | null;
  batch: number | null;
  activated_experts: number | null;
  shared_ratio: number | null;
  created_at: string;
}

function toRow(r: Raw): RunRow {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    nAct: r.n_act,
    nTotal: r.n_total,
    tokens: r.tokens,
    flops: r.flops,
    experts: r.experts,
    loss: r.loss,
    lr: r.lr,
    batch: r.batch,
    activatedExperts: r.activated_experts,
    sharedRatio: r.shared_ratio,
    createdAt: r.created_at,
  };
}

export type RunRepository = ReturnType<typeof runRepository>;

export function runRepository(ctx: RepoContext, projects: ProjectRepository) {
  const { db } = ctx;
  const insertStmt = db.prepare(
    `INSERT INTO runs (project_id, name, n_act, n_total, tokens, flops, experts, loss, lr, batch, activated_experts, shared_ratio, created_at)
     VALUES (@projectId, @name, @nAct, @nTotal, @tokens, @flops, @experts, @loss, @lr, @batch, @activatedExperts, @sharedRatio, @createdAt)`,
  );

  function insertMany(projectId: string, runs: readonly z.infer<typeof runInputSchema>[], createdAt: string): number[] {
    return runs.map(
      (r) =>
        Number(
          insertStmt.run({
            projectId,
            name: r.name ?? '',
            nAct: r.nAct,
            nTotal: r.nTotal ?? null,
            tokens: r.tokens,
            flops: r.flops ?? null,
            experts: r.experts ?? null,
            loss: r.loss,
            lr: r.lr ?? null,
            batch: r.batch ?? null,
            activatedExperts: r.activatedExperts ?? null,
            sharedRatio: r.sharedRatio ?? null,
            createdAt,
          }).lastInsertRowid,
        ),
    );
  }

  return {
    insertRaw: insertMany,

    /** All or nothing: one bad row (named by index, e.g. runs[3].loss) rejects the whole batch. */
    add(projectId: string, runs: RunInput[]): number[] {
      const valid = parseInput(runsSchema, runs, 'runs');
      return inTransaction(ctx, () => {
        projects.get(projectId, 'projectId');
        const ids = insertMany(projectId, valid, ctx.now());
        projects.touch(projectId);
        return ids;
      });
    },

    list(projectId: string): RunRow[] {
      projects.get(projectId, 'projectId');
      return (db.prepare('SELECT * FROM runs WHERE project_id = ? ORDER BY id').all(projectId) as Raw[]).map(toRow);
    },

    /** Deletes the given runs, or all of the project's runs when `ids` is omitted. Returns how many. */
    delete(projectId: string, ids?: number[]): number {
      return inTransaction(ctx, () => {
        projects.get(requireId(projectId, 'projectId'), 'projectId');
        if (ids === undefined) return db.prepare('DELETE FROM runs WHERE project_id = ?').run(projectId).changes;
        const del = db.prepare('DELETE FROM runs WHERE project_id = ? AND id = ?');
        let n = 0;
        for (const id of ids) {
          const changes = del.run(projectId, id).changes;
          if (changes === 0) throw notFound('run in this project', String(id), 'ids');
          n += changes;
        }
        return n;
      });
    },
  };
}
