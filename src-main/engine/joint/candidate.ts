/**
 * One expert count under one design problem: the best (N_act, D) on the compute line, capped by
 * memory when a budget is given, with its exact and buildable shapes and everything a planner
 * needs to launch the run.
 */
import type { ResultFlag } from '../common/flags';
import { HEAD_DIM, type BasedShape, type Precision } from '../accounting/architecture';
import { memoryFootprint, type CacheLayout, type MemoryFootprint } from '../accounting/memory';
import { countParameters } from '../accounting/parameter-counts';
import { buildableNeighbours, buildableShape, exactShapeForActive, exactShapeForMemory } from '../accounting/shape-solver';
import type { JointCoefficients } from './coefficients';
import { jointFlags } from './joint-flags';
import { peakLearningRate, type LearningRate, type LearningRateBasis } from './learning-rate';
import { computeOptimum, inferenceOptimum, trainingTokensOnLine } from './optimum';
import { hasInteriorOptimum, perExpertLaw, perExpertLoss, type PerExpertLaw } from './per-expert-law';
import { trainingRecipe, type TrainingRecipe } from './training-recipe';
import { DEFAULT_BYTE_CONVENTION, bytes, flops as fmtFlops, significant as fmtSig, decimals as fmtFixed, type ByteConvention } from '../../format';

export type MemoryMode = 'model' | 'total';
export type BindingConstraint = 'compute' | 'memory';

export interface DesignConstraint {
  flops: number;
  /** 0 when inference is not paid from the budget. */
  inferenceTokens: number;
  memory: { budgetBytes: number; mode: MemoryMode } | null;
  kvTokens: number;
  precision: Precision;
  learningRateBasis: LearningRateBasis;
  cacheLayout: CacheLayout;
  /** How memory is written in the reasons (GB or GiB; default GiB). */
  byteConvention?: ByteConvention;
}

export interface CandidateMemory extends MemoryFootprint {
  /** What counts against the budget: weights only ('model') or weights plus KV cache ('total'). */
  mode: MemoryMode;
  countedBytes: number;
  budgetBytes: number | null;
}

interface ModelFigures {
  nAct: number;
  nTotal: number;
  nActNonEmbedding: number;
  tokens: number;
  tokensPerParam: number;
  loss: number;
  trainingFlops: number;
  inferenceFlops: number;
  memory: CandidateMemory;
  fits: boolean;
  learningRate: LearningRate;
}

export interface BuildableFigures extends ModelFigures {
  basis: 'buildable';
  shape: BasedShape;
}

export interface FeasibleCandidate extends ModelFigures {
  feasible: true;
  experts: number;
  /** Top-level figures belong to the exact continuous shape; `buildable` has its own. */
  basis: 'exact';
  shape: BasedShape;
  buildable: BuildableFigures;
  bindingConstraint: BindingConstraint;
  recipe: TrainingRecipe;
  flags: ResultFlag[];
}

export interface InfeasibleCandidate {
  feasible: false;
  experts: number;
  reason: string;
  flags: ResultFlag[];
}

export type PlanCandidate = FeasibleCandidate | InfeasibleCandidate;

/** Exact roots land on the budget up to rounding; that must still count as fitting. */
/** How far over the memory budget a design may be and still fit: rounding noise of the budget's own solve. */
export const FIT_TOLERANCE = 1e-9;

function candidateMemory(nTotal: number, shape: BasedShape, c: DesignConstraint): CandidateMemory {
  const fp = memoryFootprint(nTotal, shape, c.kvTokens, c.precision, c.cacheLayout);
  const mode = c.memory?.mode ?? 'total';
  // Fields written out: on Node 20, `{ ...fp, more }` costs ~10 µs a call (the clone's map never caches
  // its transitions), and a plan makes this object three times per expert count.
  return {
    weightsBytes: fp.weightsBytes,
    kvBytes: fp.kvBytes,
    totalBytes: fp.totalBytes,
    mode,
    countedBytes: mode === 'model' ? fp.weightsBytes : fp.totalBytes,
    budgetBytes: c.memory?.budgetBytes ?? null,
  };
}

function fits(mem: CandidateMemory): boolean {
  return mem.budgetBytes === null || mem.countedBytes <= mem.budgetBytes * (1 + FIT_TOLERANCE);
}

function figures(shape: BasedShape, nActOverride: number | null, c: DesignConstraint, law: PerExpertLaw): ModelFigures {
  const counts = countParameters(shape);
  // The exact shape was solved from N_act; reporting the solver's input keeps the top-level N_act free of round-trip noise.
  const nAct = nActOverride ?? counts.nAct;
  const tokens = trainingTokensOnLine(c.flops, c.inferenceTokens, nAct);
  const memory = candidateMemory(counts.nTotal, shape, c);
  const lrN = c.learningRateBasis === 'active-non-embedding' ? counts.nActNonEmbedding : nAct;
  return {
    nAct,
    nTotal: counts.nTotal,
    nActNonEmbedding: counts.nActNonEmbedding,
    tokens,
    tokensPerParam: tokens / nAct,
    loss: perExpertLoss(law, nAct, tokens),
    trainingFlops: 6 * nAct * tokens,
    inferenceFlops: 2 * nAct * c.inferenceTokens,
    memory,
    fits: fits(memory),
    learningRate: peakLearningRate(lrN, shape.experts, c.learningRateBasis),
  };
}


function belowOneHead(shape: BasedShape): ResultFlag[] {
  if (shape.dModel >= HEAD_DIM) return [];
  return [
    {
      code: 'exact-shape-below-one-head',
      severity: 'warning',
      variable: 'dModel',
      value: shape.dModel,
      range: { min: HEAD_DIM },
      message: `The exact optimum has d_model = ${fmtSig(shape.dModel, 3)}, smaller than one 64-wide head; only the buildable shape is a real model.`,
    },
  ];
}

export interface Allocated {
  feasible: true;
  experts: number;
  law: PerExpertLaw;
  shape: BasedShape;
  nAct: number;
  tokens: number;
  loss: number;
  binding: BindingConstraint;
}

/**
 * The allocation step alone: which (N_act, D) this E gets under the constraint, or why none.
 * The prechecks (smallest buildable model fits and leaves training tokens) also guarantee that
 * a buildable neighbour exists, so tables can rank E by this without building full candidates.
 */
export function allocateCandidate(experts: number, k: JointCoefficients, c: DesignConstraint): Allocated | { feasible: false; experts: number; reason: string } {
  const law = perExpertLaw(experts, k);
  const infeasible = (reason: string) => ({ feasible: false as const, experts, reason });
  if (!hasInteriorOptimum(law)) {
    return infeasible(
      `Coefficient set "${k.setId}" gives E = ${experts} no compute optimum (needs m, n > 0 and μ, ν < 0; got μ = ${fmtSig(law.mu, 4)}, ν = ${fmtSig(law.nu, 4)}).`,
    );
  }

  const smallest = buildableShape(1, experts);
  const smallestCounts = countParameters(smallest);
  if (c.inferenceTokens > 0 && 2 * smallestCounts.nAct * c.inferenceTokens >= c.flops) {
    return infeasible(
      `Serving ${fmtFlops(c.inferenceTokens, 4)} inference tokens costs at least ${fmtFlops((2 * smallestCounts.nAct * c.inferenceTokens), 4)} FLOPs even for the smallest buildable model (d_model ${HEAD_DIM}, 1 block), which uses up the ${fmtFlops(c.flops, 4)} FLOP budget before any training.`,
    );
  }
  if (c.memory) {
    const need = candidateMemory(smallestCounts.nTotal, smallest, c).countedBytes;
    if (need > c.memory.budgetBytes) {
      return infeasible(
        `Nothing fits: even the smallest buildable E = ${experts} model (d_model ${HEAD_DIM}, 1 block) needs ${bytes(need, c.byteConvention ?? DEFAULT_BYTE_CONVENTION)} of ${c.memory.mode === 'model' ? 'weights' : 'weights plus KV cache'}, above the budget of ${bytes(c.memory.budgetBytes, c.byteConvention ?? DEFAULT_BYTE_CONVENTION)}.`,
      );
    }
  }

  const unconstrained = c.inferenceTokens > 0 ? inferenceOptimum(law, c.flops, c.inferenceTokens) : computeOptimum(law, c.flops);
  if (c.memory) {
    const largest = exactShapeForMemory(c.memory.budgetBytes, experts, {
      kvTokens: c.memory.mode === 'total' ? c.kvTokens : 0,
      precision: c.precision,
      cacheLayout: c.cacheLayout,
    });
    const largestAct = countParameters(largest).nAct;
    // Loss is unimodal along the compute line, so below the optimum bigger is better: take the largest that fits.
    if (largestAct < unconstrained.nAct) {
      const tokens = trainingTokensOnLine(c.flops, c.inferenceTokens, largestAct);
      return { feasible: true, experts, law, shape: largest, nAct: largestAct, tokens, loss: perExpertLoss(law, largestAct, tokens), binding: 'memory' };
    }
  }
  return { feasible: true, experts, law, shape: exactShapeForActive(unconstrained.nAct, experts), ...unconstrained, binding: 'compute' };
}

/** Every E's allocation under one constraint and the lowest-loss one: a cell of the optimal-E table, a point of a trend. */
export function allocateAll(experts: readonly number[], k: JointCoefficients, c: DesignConstraint): { all: Array<ReturnType<typeof allocateCandidate>>; best: Allocated | null } {
  const all = experts.map((e) => allocateCandidate(e, k, c));
  let best: Allocated | null = null;
  for (const a of all) if (a.feasible && (best === null || a.loss < best.loss)) best = a;
  return { all, best };
}

/** What an infeasible candidate can still check: the budget, as training compute or, when it also pays for inference, as total compute. */
function budgetFlops(c: DesignConstraint): { flops: number } | { totalFlops: number } {
  return c.inferenceTokens > 0 ? { totalFlops: c.flops } : { flops: c.flops };
}

export function solveCandidate(experts: number, k: JointCoefficients, c: DesignConstraint): PlanCandidate {
  const a = allocateCandidate(experts, k, c);
  if (!a.feasible) return Object.assign({}, a, { flags: jointFlags({ experts, ...budgetFlops(c) }) });
  const { law, shape, nAct, binding } = a;
  const exact = figures(shape, nAct, c, law);

  const { below, above } = buildableNeighbours(shape.dModel, experts);
  const options = [below, above]
    .filter((s): s is BasedShape => s !== null)
    .map((s) => ({ shape: s, f: figures(s, null, c, law) }))
    .filter((o) => o.f.fits && o.f.tokens > 0);
  if (options.length === 0) {
    return { feasible: false, experts, reason: `No buildable E = ${experts} shape near d_model ${fmtFixed(shape.dModel, 1)} satisfies the memory budget and leaves tokens to train on.`, flags: jointFlags({ experts, ...budgetFlops(c) }) };
  }
  const chosen = options.reduce((best, o) => (o.f.loss < best.f.loss ? o : best));

  return {
    feasible: true,
    experts,
    basis: 'exact',
    shape,
    ...exact,
    buildable: { basis: 'buildable', shape: chosen.shape, ...chosen.f },
    bindingConstraint: binding,
    recipe: trainingRecipe(exact.tokens, exact.learningRate.value),
    // Training compute is 6·N_act·D from N_act and D; an inference plan's budget is checked as total compute.
    flags: [
      ...jointFlags({ experts, nAct: exact.nAct, nTotal: exact.nTotal, tokens: exact.tokens, ...(c.inferenceTokens > 0 ? { totalFlops: c.flops } : {}) }),
      ...belowOneHead(shape),
    ],
  };
}
