/**
 * The design table of a joint-law plan, figure by figure: each candidate's N_act, tokens, loss,
 * shape (the width from N_act, App. A's cubic), parameter counts, training FLOPs, memory and
 * peak learning rate, and the buildable shape the plan rounds to with its own counts, tokens,
 * loss, FLOPs and memory. The trees follow solveCandidate (engine/joint/candidate.ts): the exact
 * shape comes from N_act (compute or inference bound) or from the memory budget (memory bound),
 * the buildable one is the lower-loss of the two whole-head neighbours that fit.
 */
import { HEAD_DIM, type ModelShape, type Precision } from '../accounting/architecture';
import { memoryFootprint, type CacheLayout } from '../accounting/memory';
import { countParameters } from '../accounting/parameter-counts';
import { buildableNeighbours } from '../accounting/shape-solver';
import type { CoefficientSet } from '../common/coefficients';
import { FIT_TOLERANCE } from '../joint/candidate';
import { jointCoefficients } from '../joint/coefficients';
import type { LearningRateBasis } from '../joint/learning-rate';
import { trainingTokensOnLine } from '../joint/optimum';
import { perExpertLaw, perExpertLoss } from '../joint/per-expert-law';
import { decimals, whole } from '../../format';
import { designMemorySteps } from './deploy';
import { add, ceil, div, floor, input, lit, mul, pow, sqrt, step, sub, term, type Leaf, type Step } from './expr';
import { jointOptimumSteps, learningRateStep, perExpertSteps, setOf, sourceOf } from './laws';
import type { Explanation } from './render';

/** The problem a plan solved, as its candidates' figures depend on it. */
export interface ExplainableDesignProblem {
  flops: number;
  inferenceTokens: number;
  kvTokens: number;
  precision: Precision;
  cacheLayout: CacheLayout;
  learningRateBasis: LearningRateBasis;
  memoryBytes: number | null;
  memoryMode: 'model' | 'total' | null;
}

/** A feasible candidate as the plan returns it (exact figures at the top, the buildable shape beside). */
export interface ExplainableCandidate {
  experts: number;
  nAct: number;
  tokens: number;
  shape: ModelShape;
  bindingConstraint: 'compute' | 'memory';
  /** Absent where only the allocation is shown (a table cell, a trend point). */
  buildable?: { shape: ModelShape };
}

const MEMORY_RULE = '§4 (memory): weights N_total × bytes per weight, KV cache 2·T·N_blocks·d_model values (MHA) × bytes per value';
const SHAPE_SOURCE = 'App. A: N_blocks = N_heads = d_model/64; N_act = 2·d_model·d_vocab + 13·N_blocks·d_model²; N_total = 2·d_model·d_vocab + (4 + 9E)·N_blocks·d_model²';

export type Operand = Leaf | Step;

/**
 * d_model from N_act: the one positive root of k·d³ + 2V·d = N_act (k = 13/64), by Cardano's
 * formula in the form d = u − p/(3u), which has no cancellation (the engine's Newton iteration
 * finds the same root; tests/unit/engine/explain checks the two agree).
 */
export function widthFromActive(nAct: Operand, V: Leaf, suffix = ''): Step {
  const k = div(13, 64);
  const p = step(`p${suffix}`, 'linear coefficient 2V/k of the depressed cubic d³ + p·d = N_act/k (k = 13/64)', '1', div(mul(2, V), k));
  const q = step(`q${suffix}`, 'half the constant term N_act/(2k)', '1', div(nAct, mul(2, k)));
  const u = step(`u${suffix}`, 'Cardano’s cube root ∛(q + √(q² + (p/3)³))', '1', pow(add(q, sqrt(add(pow(q, 2), pow(div(p, 3), 3)))), div(1, 3)));
  return step(`d_model${suffix}`, 'model width, the positive root of N_act = 2V·d + (13/64)·d³ (Cardano)', 'dimensions', sub(u, div(p, mul(3, u))));
}

/** N_blocks and the active counts of a paper-rule width (Eq. 10). */
export function countSteps(d: Operand, V: Leaf, suffix: string, blocks?: Operand) {
  const nBlocks = blocks ?? step(`N_blocks${suffix}`, 'blocks = heads (64-wide)', '1', div(d, HEAD_DIM));
  const nActNe = step(`N_ne${suffix}`, 'active non-embedding parameters 13·N_blocks·d_model²', 'parameters', mul(13, nBlocks, pow(d, 2)));
  const nAct = step(`N_act${suffix}`, 'active parameters, embeddings included (Eq. 10)', 'parameters', add(mul(2, d, V), nActNe));
  return { nBlocks, nActNe, nAct };
}

/** D on the compute line: F/(6·N_act), or (F − 2·N_act·D_inf)/(6·N_act) when the budget also pays for inference. */
function tokensOnLine(F: Leaf, nAct: Operand, p: ExplainableDesignProblem, symbol: string): Step {
  if (p.inferenceTokens === 0) return step(symbol, 'training tokens on the iso-FLOP line F/(6·N_act)', 'tokens', div(F, mul(6, nAct)));
  const dInf = input('D_inf', p.inferenceTokens, 'tokens', 'lifetime inference tokens');
  return step(symbol, 'training tokens left after inference (F − 2·N_act·D_inf)/(6·N_act)', 'tokens', div(sub(F, mul(2, nAct, dInf)), mul(6, nAct)));
}

function budgetLeaf(p: ExplainableDesignProblem): Leaf {
  return input('F', p.flops, 'FLOPs', p.inferenceTokens > 0 ? 'total budget: training plus lifetime inference' : 'training compute budget');
}

/** Every figure of one candidate's row (the exact continuous shape's), as solveCandidate computes them. */
export function explainCandidate(c: ExplainableCandidate, p: ExplainableDesignProblem, set: CoefficientSet, o: { title?: string; compact?: boolean } = {}): Explanation {
  const k = jointCoefficients(set);
  const law = perExpertSteps(k, c.experts);
  const E = input('E', c.experts, 'experts', 'experts per MoE layer');
  const V = input('V', c.shape.vocab, 'dimensions', 'vocabulary (GPT-2)');
  const F = budgetLeaf(p);
  const computeBound = c.bindingConstraint === 'compute' && p.inferenceTokens === 0;
  let N: Operand;
  let d: Operand;
  let tokens: Step;
  let counts: ReturnType<typeof countSteps>;
  let how: string;
  if (computeBound) {
    const opt = jointOptimumSteps(law, F);
    N = opt.nOpt;
    tokens = opt.dOpt;
    d = widthFromActive(N, V);
    counts = countSteps(d, V, '');
    how = 'N_act and D are the compute optimum of Eq. 7 (sign fixed) on the per-E law; the width solves App. A’s cubic for that N_act.';
  } else if (c.bindingConstraint === 'memory') {
    const root = term('d*', c.shape.dModel, 'dimensions', `the root of M(d) = ${p.memoryMode === 'model' ? 'weights' : 'weights plus KV cache'} = the memory budget, found by Newton’s method (a cubic in d)`);
    d = step('d_model', 'model width: the largest whose counted memory fits the budget', 'dimensions', root);
    counts = countSteps(d, V, '');
    N = counts.nAct;
    tokens = tokensOnLine(F, N, p, 'D');
    how = 'The memory cap binds: the width is the largest whose memory fits (below the compute optimum the loss falls as the model grows along the iso-FLOP line), and N_act and D follow from it.';
  } else {
    N = term('N_act', c.nAct, 'parameters', 'the inference-optimal active parameters, found by bisection on ln N_act (no closed form)');
    d = widthFromActive(N, V);
    counts = countSteps(d, V, '');
    tokens = tokensOnLine(F, N, p, 'D');
    how = 'The budget also pays 2·N_act·D_inf for inference: N_act is where the loss’s slope along the budget line is zero, found by bisection, and D is what the budget leaves for training.';
  }
  const L = step('L', 'predicted final training loss (Eq. 6 through Eq. 5)', 'nats/token', add(mul(law.m, pow(N, law.mu)), mul(law.n, pow(tokens, law.nu)), law.c));
  const ratio = step('D/N_act', 'tokens per active parameter', '1', div(tokens, N));
  const trainingFlops = step('F_train', 'training compute 6·N_act·D', 'FLOPs', mul(6, N, tokens));
  const memory = designMemorySteps({ d, blocks: counts.nBlocks, experts: E, vocab: V, dModel: c.shape.dModel }, { kvTokens: p.kvTokens, precision: p.precision, layout: p.cacheLayout });
  const lr = learningRateStep(p.learningRateBasis === 'active-non-embedding' ? counts.nActNe : N, E);
  const buildable = c.buildable ? whichNeighbour(c.shape.dModel, c.buildable.shape.dModel, d, '') : null;
  const counted = p.memoryMode === 'model' ? memory.weights : memory.total;
  const full = [N, d, counts.nBlocks, memory.nTotal, tokens, ratio, L, buildable?.d, lr, memory.weights, memory.kv, trainingFlops];
  // A table cell or a trend point shows the allocation only; a memory-bound one, the memory that fills the budget.
  const compact = [N, d, memory.nTotal, tokens, L, c.bindingConstraint === 'memory' ? counted : undefined];
  const headline = (o.compact ? compact : full).filter((x): x is Step => x !== undefined && 'expr' in x);
  return {
    figure: 'design.candidate',
    title: o.title ?? `Candidate E = ${c.experts}: every figure of its row`,
    headline: unique(headline),
    citation: set.citation,
    source: sourceOf(set, `Eq. 5–7; ${SHAPE_SOURCE}; ${MEMORY_RULE}; Eq. 8 (learning rate)`),
    coefficientSet: setOf(set),
    note: buildable ? `${how} The buildable width d_b is the neighbour 64·⌊d_model/64⌋ or 64·⌈d_model/64⌉ the plan chose (its figures: the buildable shape’s explanation).` : how,
  };
}

const unique = (xs: Step[]) => [...new Set(xs)];

/** The whole-head neighbour the plan chose: 64·⌊d/64⌋ or 64·⌈d/64⌉. */
function whichNeighbour(exact: number, chosen: number, d: Operand, suffix: string) {
  const h = chosen / HEAD_DIM;
  const below = Math.floor(exact / HEAD_DIM);
  const rounding = h === below ? floor(div(d, HEAD_DIM)) : h === Math.ceil(exact / HEAD_DIM) ? ceil(div(d, HEAD_DIM)) : lit(h);
  const heads = step(`h${suffix}`, h === below ? 'whole heads, rounded down' : 'whole heads, rounded up', '1', rounding);
  return { heads, d: step(`d_b${suffix}`, 'buildable width: a whole number of 64-wide heads', 'dimensions', mul(HEAD_DIM, heads)) };
}

/** The buildable shape's figures (the design table's right-hand column), as solveCandidate's `figures` computes them for it. */
export function explainBuildable(c: ExplainableCandidate & { buildable: { shape: ModelShape } }, p: ExplainableDesignProblem, set: CoefficientSet): Explanation {
  const k = jointCoefficients(set);
  const law = perExpertSteps(k, c.experts);
  const E = input('E', c.experts, 'experts', 'experts per MoE layer');
  const V = input('V', c.buildable.shape.vocab, 'dimensions', 'vocabulary (GPT-2)');
  const F = budgetLeaf(p);
  const d = term('d_model', c.shape.dModel, 'dimensions', 'the exact continuous width (the exact shape’s explanation)');
  const { heads, d: db } = whichNeighbour(c.shape.dModel, c.buildable.shape.dModel, d, '');
  const counts = countSteps(db, V, '_b', heads);
  const tokens = tokensOnLine(F, counts.nAct, p, 'D_b');
  const L = step('L_b', 'predicted final training loss at the buildable shape', 'nats/token', add(mul(law.m, pow(counts.nAct, law.mu)), mul(law.n, pow(tokens, law.nu)), law.c));
  const trainingFlops = step('F_b', 'training compute 6·N_act_b·D_b', 'FLOPs', mul(6, counts.nAct, tokens));
  const memory = designMemorySteps({ d: db, blocks: heads, experts: E, vocab: V, dModel: c.buildable.shape.dModel }, { kvTokens: p.kvTokens, precision: p.precision, layout: p.cacheLayout }, '_b');
  return {
    figure: 'design.buildable',
    title: `Buildable shape of E = ${c.experts}: d_model a multiple of 64`,
    headline: [heads, db, counts.nAct, counts.nActNe, memory.nTotal, tokens, L, trainingFlops, memory.weights, memory.kv, memory.total],
    citation: set.citation,
    source: sourceOf(set, `${SHAPE_SOURCE}; the per-E law of Eq. 5 at the buildable N_act and D; ${MEMORY_RULE}`),
    coefficientSet: setOf(set),
    note: neighbourNote(c, p, set),
  };
}

/** Why this neighbour: the other one's loss, or why it was left out (as solveCandidate weighs them). */
function neighbourNote(c: ExplainableCandidate & { buildable: { shape: ModelShape } }, p: ExplainableDesignProblem, set: CoefficientSet): string {
  const rule = 'Of the two whole-head neighbours of the exact width, the plan builds the one with the lower loss among those that fit the memory budget and leave tokens to train on.';
  // the neighbours the plan itself weighed (a width a multiple of 64 up to rounding has one)
  const { below, above } = buildableNeighbours(c.shape.dModel, c.experts);
  const otherWidth = [below, above].find((s) => s !== null && s.dModel !== c.buildable.shape.dModel)?.dModel;
  if (otherWidth === undefined) return `${rule} The exact width has no other neighbour.`;
  const other = otherWidth / HEAD_DIM;
  const shape = { ...c.buildable.shape, dModel: other * HEAD_DIM, nBlocks: other, nHeads: other };
  const counts = countParameters(shape);
  const tokens = trainingTokensOnLine(p.flops, p.inferenceTokens, counts.nAct);
  const width = `d_model ${whole(shape.dModel)} (${whole(other)} blocks)`;
  if (!(tokens > 0)) return `${rule} The other, ${width}, leaves no tokens to train on.`;
  if (p.memoryBytes !== null) {
    const m = memoryFootprint(counts.nTotal, shape, p.kvTokens, p.precision, p.cacheLayout);
    const counted = p.memoryMode === 'model' ? m.weightsBytes : m.totalBytes;
    if (counted > p.memoryBytes * (1 + FIT_TOLERANCE)) return `${rule} The other, ${width}, does not fit the memory budget.`;
  }
  const law = perExpertLaw(c.experts, jointCoefficients(set));
  const lossOf = (s: ModelShape) => {
    const n = countParameters(s).nAct;
    return perExpertLoss(law, n, trainingTokensOnLine(p.flops, p.inferenceTokens, n));
  };
  // Five decimals: two neighbours' losses often agree to the four the tables show.
  return `${rule} The other, ${width}, would reach ${decimals(lossOf(shape), 5)} nats/token against ${decimals(lossOf(c.buildable.shape), 5)} for the chosen one.`;
}
