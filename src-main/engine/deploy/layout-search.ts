/**
 * Finds the parallel layout that trains a model on a cluster within each device's usable memory,
 * preferring the least communication-heavy one. The ordering (first key decides; ties go on):
 *   1. tensor-parallel degree, lower first — its all-reduces of activations sit on the critical path
 *      of every layer, four per layer per micro-batch, and want a node's fast links;
 *   2. pipeline degree, lower first — point-to-point traffic is light but the bubble costs time;
 *   3. ZeRO-3 last among the data-parallel shardings — it gathers the parameters again every step
 *      (1.5× the traffic of plain data parallelism, ZeRO §7), where stages 0–2 move the same bytes
 *      as an all-reduce;
 *   4. expert-parallel degree, lower first — each MoE layer adds two all-to-alls of the tokens;
 *   5. recomputation none, then selective (a few % of FLOPs), then full (about a third more);
 *   6. ZeRO stage, lower first (same traffic, less bookkeeping);
 *   7. micro-batch, larger first (better device efficiency).
 */
import { OPTIMIZERS, OPTIMIZER_IDS, type OptimizerId } from './optimizers';
import type { DeployModel } from './model';
import { activationBytesPerDevice, type Recompute } from './activations';
import { EngineInputError } from '../common/errors';
import { DEFAULT_BYTE_CONVENTION, bytes, type ByteConvention } from '../../format';
import { usableMemory, type Reserve, type UsableMemory } from './reserve';
import { layoutProblems, modelStatesBytes, optimizerChoice, trainingMemory, type ParallelLayout, type TrainingMemory, type ZeroStage } from './training';

export interface SearchSpace {
  zero: ZeroStage[];
  tp: number[];
  pp: number[];
  /** Expert-parallel degrees to try; by default every divisor of E the data-parallel group allows. */
  ep?: number[];
  microBatch: number[];
  recompute: Recompute[];
}

const DEFAULT_SPACE: SearchSpace = {
  zero: [0, 1, 2, 3],
  tp: [1, 2, 4, 8],
  pp: [1, 2, 4, 8, 16, 32],
  microBatch: [8, 4, 2, 1],
  recompute: ['none', 'selective', 'full'],
};
export const DEFAULT_SEARCH_SPACE: Readonly<SearchSpace> = Object.freeze(DEFAULT_SPACE);

export const LAYOUT_ORDERING =
  'least communication first: lower tensor-parallel degree, then lower pipeline degree, then ZeRO stages 0–2 before ZeRO-3, then lower expert-parallel degree, then no recomputation before selective before full, then lower ZeRO stage, then larger micro-batch';

export interface LayoutSearchInput {
  model: DeployModel;
  devices: number;
  memoryBytesPerDevice: number;
  reserve: Reserve;
  seqLen: number;
  optimizer: OptimizerId;
  space?: Partial<SearchSpace>;
  /** Memory in the refusals' sentences as GB or GiB, the reader's convention (default GiB). */
  byteConvention?: ByteConvention;
}

export interface EvaluatedLayout {
  layout: ParallelLayout;
  memory: TrainingMemory;
  fits: boolean;
  /** Usable bytes left per device (negative: short by that much). */
  headroomBytes: number;
}

export interface Suggestion {
  kind: 'more-devices' | 'fewer-experts' | 'optimizer';
  message: string;
  layout: ParallelLayout;
  totalBytes: number;
}

export interface LayoutSearchResult {
  fits: boolean;
  usable: UsableMemory;
  ordering: string;
  /** The preferred fitting layout, or null. */
  best: EvaluatedLayout | null;
  /** The layout needing the least memory per device (what comes closest when nothing fits). */
  leanest: EvaluatedLayout | null;
  /** Cheaper (earlier in the ordering) layouts that do not fit, leanest first, at most five. */
  rejected: (EvaluatedLayout & { reason: string })[];
  /** How many valid layouts were tried. */
  evaluated: number;
  /** Why no layout was valid at all (every combination broke a divisibility rule). */
  invalidReason: string | null;
  /** When nothing fits: by how much the leanest layout overshoots. */
  shortfallBytes: number | null;
  suggestions: Suggestion[];
}

const RECOMPUTE_RANK: Record<Recompute, number> = { none: 0, selective: 1, full: 2 };

export function orderKey(l: ParallelLayout): number[] {
  return [l.tp, l.pp, l.zero === 3 ? 1 : 0, l.ep, RECOMPUTE_RANK[l.recompute], l.zero, -l.microBatch];
}

export function compareLayouts(a: ParallelLayout, b: ParallelLayout): number {
  const ka = orderKey(a);
  const kb = orderKey(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
  return 0;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}


export function describeLayout(l: ParallelLayout): string {
  return `ZeRO-${l.zero}, TP ${l.tp}, PP ${l.pp}, EP ${l.ep}, micro-batch ${l.microBatch}, ${l.recompute === 'none' ? 'no' : l.recompute} recomputation`;
}

/**
 * One pass over the space in preference order — tp, pp, ZeRO-3-or-not and ep ascending are the
 * outer loops, then recomputation, ZeRO stage and micro-batch — so the first layout that fits is
 * the preferred one and nothing needs sorting. Model states depend only on (tp, pp, ep, zero) and
 * activations only on (tp, pp, micro-batch, recomputation): each is computed once and the inner
 * loop only adds numbers.
 */
function scan(input: LayoutSearchInput) {
  const space = { ...DEFAULT_SEARCH_SPACE, ...input.space };
  const { model: m, devices } = input;
  if (!Number.isInteger(input.seqLen) || input.seqLen < 1) throw new EngineInputError('seqLen', `seqLen must be a whole number ≥ 1 (got ${input.seqLen})`);
  const opt = optimizerChoice(input.optimizer);
  const usable = usableMemory(input.memoryBytesPerDevice, input.reserve);
  const asc = (l: number[]) => [...new Set(l)].sort((x, y) => x - y);
  const tps = asc(space.tp);
  const pps = asc(space.pp);
  const eps = asc(space.ep ?? divisors(m.experts));
  const mbs = asc(space.microBatch).reverse();
  const rcs = [...new Set(space.recompute)].sort((x, y) => RECOMPUTE_RANK[x] - RECOMPUTE_RANK[y]);
  const zeroGroups = [asc(space.zero).filter((z) => z < 3), asc(space.zero).filter((z) => z === 3)].filter((g) => g.length) as ZeroStage[][];

  let evaluated = 0;
  let firstProblem: string | null = null;
  let best: EvaluatedLayout | null = null;
  let leanest: { layout: ParallelLayout; bytes: number } | null = null;
  const families = new Map<string, ParallelLayout>();
  const evaluate = (layout: ParallelLayout): EvaluatedLayout => {
    const memory = trainingMemory(m, layout, devices, { seqLen: input.seqLen, optimizer: input.optimizer });
    const headroomBytes = usable.usableBytes - memory.totalBytes;
    return { layout, memory, fits: headroomBytes >= 0, headroomBytes };
  };

  for (const tp of tps)
    for (const pp of pps) {
      const act = rcs.map((recompute) => mbs.map((microBatch) => activationBytesPerDevice(m, { seqLen: input.seqLen, microBatch, tp, pp, sequenceParallel: true, recompute })));
      let minR = 0;
      let minB = 0;
      act.forEach((row, r) => row.forEach((v, b) => v < (act[minR]![minB] as number) && ((minR = r), (minB = b))));
      const valid = eps.map((ep) => {
        const problems = layoutProblems(m, { zero: 0, tp, pp, ep, microBatch: 1, recompute: 'none' }, devices);
        if (problems.length) firstProblem ??= `TP ${tp}, PP ${pp}, EP ${ep}: ${problems[0]?.message}`;
        return problems.length === 0;
      });
      for (const zeros of zeroGroups)
        for (let e = 0; e < eps.length; e++) {
          if (!valid[e]) continue;
          const ep = eps[e] as number;
          const states = zeros.map((zero) => modelStatesBytes(m, tp, pp, ep, zero, devices, opt));
          for (let r = 0; r < rcs.length; r++)
            for (let z = 0; z < zeros.length; z++)
              for (let b = 0; b < mbs.length; b++) {
                const bytes = (states[z] as number) + (act[r]![b] as number);
                evaluated++;
                if (leanest && bytes >= leanest.bytes && !(best === null && bytes <= usable.usableBytes)) continue;
                const layout: ParallelLayout = { zero: zeros[z] as ZeroStage, tp, pp, ep, microBatch: mbs[b] as number, recompute: rcs[r] as Recompute };
                if (!leanest || bytes < leanest.bytes) leanest = { layout, bytes };
                if (best === null && bytes <= usable.usableBytes) best = evaluate(layout);
              }
          if (best === null) {
            // Families wholly before the winner: remember each one's leanest member.
            for (let z = 0; z < zeros.length; z++) {
              const zero = zeros[z] as ZeroStage;
              const key = `${tp}/${pp}/${ep}/${zero}`;
              if (families.size < 5) families.set(key, { zero, tp, pp, ep, microBatch: mbs[minB] as number, recompute: rcs[minR] as Recompute });
            }
          }
        }
    }
  return { usable, evaluated, firstProblem, best: best as EvaluatedLayout | null, leanest: leanest ? evaluate((leanest as { layout: ParallelLayout }).layout) : null, families: [...families.values()].map(evaluate) };
}

function failReason(e: EvaluatedLayout, usableBytes: number, convention: ByteConvention): string {
  const m = e.memory;
  const gib = (b: number) => bytes(b, convention);
  const parts = `model states ${gib(m.modelStatesBytes)} + activations ${gib(m.activationBytes)}`;
  return `needs ${gib(m.totalBytes)} per device (${parts}), ${gib(-e.headroomBytes)} more than the ${gib(usableBytes)} usable`;
}

export function searchLayout(input: LayoutSearchInput): LayoutSearchResult {
  const { usable, evaluated, firstProblem, best, leanest, families } = scan(input);
  const rejected = families.map((e) => ({ ...e, reason: failReason(e, usable.usableBytes, input.byteConvention ?? DEFAULT_BYTE_CONVENTION) }));
  return {
    fits: best !== null,
    usable,
    ordering: LAYOUT_ORDERING,
    best,
    leanest,
    rejected,
    evaluated,
    invalidReason: evaluated === 0 ? firstProblem ?? 'no layout in the search space' : null,
    shortfallBytes: best || !leanest ? null : -leanest.headroomBytes,
    suggestions: best ? [] : suggestAlternatives(input),
  };
}

/** What would fit instead: more devices, fewer experts of the same size, a leaner optimizer. */
function suggestAlternatives(input: LayoutSearchInput): Suggestion[] {
  const out: Suggestion[] = [];
  for (let factor = 2; factor <= 1024; factor *= 2) {
    const devices = input.devices * factor;
    const r = scan({ ...input, devices });
    if (r.best) {
      out.push({ kind: 'more-devices', message: `${devices} devices (${factor}× as many) fit with ${describeLayout(r.best.layout)}`, layout: r.best.layout, totalBytes: r.best.memory.totalBytes });
      break;
    }
  }
  const m = input.model;
  if (m.experts > 1) {
    const perExpert = m.expertParams / m.experts;
    for (const e of divisors(m.experts).reverse().filter((e) => e < m.experts)) {
      const smaller: DeployModel = { ...m, experts: e, activeExperts: Math.min(m.activeExperts, e), expertParams: perExpert * e };
      const r = scan({ ...input, model: smaller });
      if (r.best) {
        out.push({ kind: 'fewer-experts', message: `E = ${e} experts of the same size fit with ${describeLayout(r.best.layout)} (a different design: re-plan at that E)`, layout: r.best.layout, totalBytes: r.best.memory.totalBytes });
        break;
      }
    }
  }
  for (const id of OPTIMIZER_IDS) {
    const o = OPTIMIZERS[id];
    if (id === input.optimizer || o.weightBytes + o.gradientBytes + o.optimizerBytes >= totalBytesPerParam(input.optimizer)) continue;
    const r = scan({ ...input, optimizer: id });
    if (r.best) out.push({ kind: 'optimizer', message: `${o.label} fits with ${describeLayout(r.best.layout)}`, layout: r.best.layout, totalBytes: r.best.memory.totalBytes });
  }
  return out;
}

function totalBytesPerParam(id: OptimizerId): number {
  const o = OPTIMIZERS[id];
  return o.weightBytes + o.gradientBytes + o.optimizerBytes;
}
