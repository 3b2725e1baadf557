/**
 * A project with 18 synthetic runs drawn from the published joint law (noise σ = 0.01 in ln L)
 * and a joint-law fit of them with 40 bootstrap replicates (or `samples`), saved as a user coefficient set:
 * what a planner has after the Fit page, built here without the default 19,683-start grid.
 */
import { publishedSet } from '../../../src-main/engine/common/coefficients';
import { fit } from '../../../src-main/engine/fit';
import { lnLossAt, normalStream, thetaOf } from '../../../src-main/engine/next-run';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../../../src-main/services';

/** The 18 runs (30–120 M active parameters × 10 and 40 tokens per parameter × E = 1, 4, 16) with their losses, and as a runs CSV. */
export function syntheticJointRuns(): { runs: Array<{ nAct: number; tokens: number; experts: number; loss: number }>; csv: string } {
  const truth = thetaOf(publishedSet('ludziejewski2025-joint').values, 'truth');
  const z = normalStream(11);
  const designs = [3e7, 6e7, 1.2e8].flatMap((n) => [10, 40].flatMap((r) => [1, 4, 16].map((e) => ({ nAct: n, tokens: n * r, experts: e }))));
  const runs = designs.map((d) => ({ ...d, loss: Math.exp(lnLossAt(truth, d.nAct, d.tokens, d.experts) + 0.01 * z()) }));
  return { runs, csv: ['nAct,tokens,experts,loss', ...runs.map((r) => `${r.nAct},${r.tokens},${r.experts},${r.loss}`)].join('\n') };
}

export async function fittedProject(ctx: ServiceContext, o: { samples?: number; name?: string } = {}): Promise<{ projectId: string; setId: string; runs: number }> {
  const { runs: withLoss, csv } = syntheticJointRuns();
  const project = await dispatch(handlers, ctx, 'projects.create', { name: 'Next-run fixture' });
  if (!project.ok) throw new Error(project.error.message);
  const imported = await dispatch(handlers, ctx, 'runs.import', { projectId: (project.value as { id: string }).id, law: 'joint', text: csv });
  if (!imported.ok) throw new Error(imported.error.message);
  const f = fit({
    law: 'joint',
    runs: withLoss,
    grid: { a: [30], alpha: [-0.2], delta: [-0.2], gamma: [0], b: [30], beta: [-0.2], omega: [0.5], zeta: [0], c: [1.5] },
    replaceGrid: true,
    fixed: { eStart: 2.0732, eMax: 290.4521 },
    bootstrap: { samples: o.samples ?? 40, seed: 3 },
  });
  const set = ctx.store().coefficients.create({ law: 'joint', name: o.name ?? 'Fixture fit', values: f.coefficients, provenance: 'user-fit', citation: 'User fit (test fixture)', source: '18 synthetic runs', notes: '' });
  ctx.store().coefficients.saveReplicates(set.id, f.replicates!);
  return { projectId: (project.value as { id: string }).id, setId: set.id, runs: withLoss.length };
}
