/** Services of the Chinchilla dense baseline (besiroglu2024 by default, hoffmann2022 or a user fit). */
import { CHINCHILLA_BUDGET, chinchillaApproach, chinchillaComputeOptimal, chinchillaLoss } from '../engine/chinchilla';
import type { Handlers } from './handlers';
import { resolveCoefficientSet } from './provenance';

export const chinchillaHandlers: Pick<Handlers, 'law.chinchilla' | 'plan.chinchilla'> = {
  'law.chinchilla': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'chinchilla', r.coefficientSetId);
    const res = chinchillaLoss({ params: r.params, tokens: r.tokens }, set);
    return { params: r.params, tokens: r.tokens, flops: res.flops, tokensPerParam: r.tokens / r.params, loss: res.loss, flags: res.flags, provenance };
  },

  'plan.chinchilla': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'chinchilla', r.coefficientSetId);
    const p = chinchillaComputeOptimal(r.flops, set);
    const approach = chinchillaApproach(set.id, chinchillaComputeOptimal(CHINCHILLA_BUDGET, set));
    return { params: p.params, tokens: p.tokens, flops: p.flops, tokensPerParam: p.tokensPerParam, loss: p.loss, approach, flags: p.flags, provenance };
  },
};
