/** Services of the Efficiency Leverage law (Tian et al., arXiv:2507.17702); every answer carries provenance and flags. */
import {
  bestGranularity,
  defaultContourAxes,
  equivalentDenseCompute,
  leverageAllocation,
  leverageContours,
  leverageForConfiguration,
  leverageFromLossFits,
  LING_MINI_BETA,
  referenceDesignCompute,
} from '../engine/leverage';
import type { ProvenanceInfo } from '../ipc/contract/common';
import type { Handlers } from './handlers';
import { lawInfo, resolveCoefficientSet } from './provenance';

/** Loss–compute fits are the user's own numbers, not a stored coefficient set. */
function fitsProvenance(): ProvenanceInfo {
  return {
    law: lawInfo('leverage'),
    coefficientSet: {
      id: 'request-fits',
      name: 'Loss–compute fits given in the request',
      citation: 'Supplied by the user; EL by the closed form of Tian et al., arXiv:2507.17702',
      provenance: 'user-fit',
    },
  };
}

export const leverageHandlers: Pick<
  Handlers,
  'law.leverage' | 'optimum.leverage' | 'allocation.leverage' | 'leverage.contours' | 'leverage.fromFits' | 'leverage.reference'
> = {
  'law.leverage': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'leverage', r.coefficientSetId);
    if (r.experts !== undefined) {
      // The contract guarantees the whole configuration is present in this form.
      const configuration = {
        experts: r.experts,
        activeExperts: r.activeExperts!,
        sharedExperts: r.sharedExperts ?? 0,
        dModel: r.dModel!,
        dExpert: r.dExpert!,
      };
      const res = leverageForConfiguration(configuration, r.flops, set);
      return {
        form: 'configuration' as const,
        flops: r.flops,
        activation: res.activation,
        granularity: res.granularity,
        sharedRatio: res.sharedRatio,
        configuration,
        activationHat: res.activationHat,
        exponent: res.exponent,
        el: res.el,
        denseFlops: res.el * r.flops,
        flags: res.flags,
        provenance,
      };
    }
    const res = equivalentDenseCompute({ activation: r.activation!, granularity: r.granularity!, flops: r.flops }, set);
    return {
      form: 'ratio' as const,
      flops: r.flops,
      activation: r.activation!,
      granularity: r.granularity!,
      sharedRatio: null,
      configuration: null,
      activationHat: res.activationHat,
      exponent: res.exponent,
      el: res.el,
      denseFlops: res.denseFlops,
      flags: res.flags,
      provenance,
    };
  },

  'optimum.leverage': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'leverage', r.coefficientSetId);
    const res = bestGranularity({ activation: r.activation, flops: r.flops }, set);
    if (!res.feasible) return { feasible: false as const, activation: r.activation, flops: r.flops, reason: res.reason, flags: [], provenance };
    const exponent = Math.log(res.el) / Math.log(res.activationHat);
    return {
      feasible: true as const,
      flops: r.flops,
      activation: r.activation,
      granularity: res.granularity,
      log2Granularity: res.log2Granularity,
      activationHat: res.activationHat,
      exponent,
      el: res.el,
      denseFlops: res.el * r.flops,
      flags: res.flags,
      provenance,
    };
  },

  'allocation.leverage': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'leverage', r.coefficientSetId);
    return { ...leverageAllocation(r.flops, set), provenance };
  },

  'leverage.contours': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'leverage', r.coefficientSetId);
    const axes = defaultContourAxes(r.points);
    const grid = leverageContours(
      { flops: r.flops, activations: r.activations ?? axes.activations, granularities: r.granularities ?? axes.granularities },
      set,
    );
    return { ...grid, provenance };
  },

  'leverage.fromFits': (r) => {
    const res = leverageFromLossFits({ dense: r.dense, moe: r.moe, flops: r.flops });
    return { ...res, flags: [], provenance: fitsProvenance() };
  },

  'leverage.reference': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'leverage', r.coefficientSetId);
    const d = LING_MINI_BETA;
    const lawCompute = referenceDesignCompute(d);
    const flops = r.flops ?? lawCompute.trainingFlops;
    const res = leverageForConfiguration(d, flops, set);
    const compute = referenceDesignCompute(d, r.flops === undefined ? res.el : leverageForConfiguration(d, lawCompute.trainingFlops, set).el);
    const design = {
      id: d.id,
      name: d.name,
      citation: d.citation,
      totalParams: d.totalParams,
      activeParams: d.activeParams,
      layers: d.layers,
      dModel: d.dModel,
      dExpert: d.dExpert,
      experts: d.experts,
      activeExperts: d.activeExperts,
      sharedExperts: d.sharedExperts,
      attentionHeads: d.attentionHeads,
      kvHeads: d.kvHeads,
      trainingTokens: d.trainingTokens,
      matchedDense: { ...d.matchedDense },
      notes: d.notes,
    };
    return {
      design,
      flopsSource: r.flops === undefined ? ('non-embedding-3MD' as const) : ('request' as const),
      flops,
      compute: {
        nonEmbeddingActiveParams: compute.nonEmbeddingActiveParams,
        flopsPerToken: compute.flopsPerToken,
        trainingFlops: compute.trainingFlops,
        denseComputeRatio: compute.denseComputeRatio,
        note: compute.note,
      },
      activation: res.activation,
      granularity: res.granularity,
      sharedRatio: res.sharedRatio,
      activationHat: res.activationHat,
      exponent: res.exponent,
      el: res.el,
      denseFlops: res.el * flops,
      flags: res.flags,
      provenance,
    };
  },
};
