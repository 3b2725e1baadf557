import { compactFlags, rangeFlag, type ResultFlag } from '../common/flags';
import { JOINT_FITTED_RANGES as R } from './description';

export interface FlaggedQuantities {
  experts?: number;
  nAct?: number;
  nTotal?: number;
  tokens?: number;
  flops?: number;
}

/** Extrapolation flags for whatever quantities a result has; the ranges are the law description's. */
export function jointFlags(q: FlaggedQuantities): ResultFlag[] {
  const tokensPerParam = q.tokens !== undefined && q.nAct !== undefined ? q.tokens / q.nAct : undefined;
  return compactFlags([
    q.experts === undefined ? null : rangeFlag('experts-above-fitted', 'experts', 'number of experts E', q.experts, { max: R.experts.max }),
    q.nAct === undefined ? null : rangeFlag('active-params-above-fitted', 'nAct', 'active parameters', q.nAct, { max: R.nAct.max }, 'parameters'),
    q.nTotal === undefined ? null : rangeFlag('total-params-above-fitted', 'nTotal', 'total parameters', q.nTotal, { max: R.nTotal.max }, 'parameters'),
    q.tokens === undefined ? null : rangeFlag('tokens-outside-fitted', 'tokens', 'training tokens', q.tokens, { min: R.tokens.min, max: R.tokens.max }, 'tokens'),
    tokensPerParam === undefined
      ? null
      : rangeFlag('tokens-per-param-high', 'tokensPerParam', 'tokens per active parameter', tokensPerParam, { max: R.tokensPerParam.max }),
    q.flops === undefined ? null : rangeFlag('flops-above-fitted', 'flops', 'training compute', q.flops, { max: R.flops.max }, 'FLOPs'),
  ]);
}

/** One flag per code, so a plan's summary does not repeat the same warning seven times. */
export function mergeFlags(lists: ResultFlag[][]): ResultFlag[] {
  const seen = new Map<string, ResultFlag>();
  for (const list of lists) for (const f of list) if (!seen.has(f.code)) seen.set(f.code, f);
  return [...seen.values()];
}
