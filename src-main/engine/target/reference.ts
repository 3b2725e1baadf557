/**
 * What a goal means under one law: the loss to reach. "Match this model" is read by each law on
 * its own terms (the dense model's loss under Chinchilla, under the joint law at E = 1, …), so a
 * law's answer never mixes its losses with another law's, which were measured on other data.
 */
import type { ResultFlag } from '../common/flags';
import { computeOptimum } from '../joint/optimum';
import { lossOn, type LossSurface } from './loss-surface';

export type TargetGoal =
  | { kind: 'loss'; loss: number }
  | { kind: 'match-dense'; params: number; tokens: number }
  | { kind: 'match-dense-optimal'; flops: number }
  | { kind: 'match-moe'; nAct: number; tokens: number; experts: number };

export interface TargetReference {
  /** The loss every design of this law must reach, in nats per token on the law's own data. */
  loss: number;
  /** The model the goal names, as this law sees it (absent for a bare loss goal). */
  model: { nAct: number; nTotal: number; tokens: number; experts: number; trainingFlops: number } | null;
  flags: ResultFlag[];
}

/** The compute-optimal (N, D) of a surface at F: closed form when the law is Chinchilla-shaped, else a golden section along 6·N·D = F. */
export function computeOptimalOn(s: LossSurface, flops: number): { n: number; tokens: number; loss: number } {
  if (s.perExpert) {
    const a = computeOptimum(s.perExpert, flops);
    return { n: a.nAct, tokens: a.tokens, loss: a.loss };
  }
  const f = (x: number) => lossOn(s, Math.exp(x), flops / 6 / Math.exp(x));
  const half = Math.log(flops / 6) / 2;
  let a = half - 25;
  let b = half + 25;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 300 && b - a > 1e-12; i++) {
    const c = b - phi * (b - a);
    const d = a + phi * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  const n = Math.exp(0.5 * (a + b));
  return { n, tokens: flops / 6 / n, loss: lossOn(s, n, flops / 6 / n) };
}

/**
 * The reference under one law. `dense` is the law's E = 1 surface (for the dense goals), `moe`
 * its surface at the named MoE's E; null means this law cannot speak about that model.
 */
export function referenceFor(goal: TargetGoal, dense: LossSurface | null, moe: LossSurface | null): TargetReference | { reason: string } {
  const model = (s: LossSurface, n: number, tokens: number) => ({
    loss: lossOn(s, n, tokens),
    model: { nAct: n, nTotal: s.totalParams(n), tokens, experts: s.experts, trainingFlops: 6 * n * tokens },
    flags: s.flags({ n, tokens, flops: 6 * n * tokens }),
  });
  switch (goal.kind) {
    case 'loss':
      return { loss: goal.loss, model: null, flags: [] };
    case 'match-dense':
      if (!dense) return { reason: 'this law does not describe dense models' };
      return model(dense, goal.params, goal.tokens);
    case 'match-dense-optimal': {
      if (!dense) return { reason: 'this law does not describe dense models' };
      const opt = computeOptimalOn(dense, goal.flops);
      return model(dense, opt.n, opt.tokens);
    }
    case 'match-moe':
      if (!moe) return { reason: `this law does not describe an MoE with E = ${goal.experts}` };
      return model(moe, goal.nAct, goal.tokens);
  }
}

/** The loss a goal asks for under one law, without the reference model's figures or flags (for bootstrap loops); null when the law cannot read the goal. */
export function referenceLoss(goal: TargetGoal, dense: LossSurface | null, moe: LossSurface | null): number | null {
  switch (goal.kind) {
    case 'loss':
      return goal.loss;
    case 'match-dense':
      return dense ? lossOn(dense, goal.params, goal.tokens) : null;
    case 'match-dense-optimal':
      return dense ? computeOptimalOn(dense, goal.flops).loss : null;
    case 'match-moe':
      return moe ? lossOn(moe, goal.nAct, goal.tokens) : null;
  }
}
