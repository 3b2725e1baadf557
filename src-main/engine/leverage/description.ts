/**
 * The Efficiency Leverage law as the product presents it (LAWS.md §2). Its fitted ranges
 * drive the extrapolation flags of every result in this folder.
 */
import { TIMES_UNIT } from '../../format';
import type { LawDescription } from '../common/law-description';

export const LEVERAGE_LAW: LawDescription = {
  id: 'leverage',
  name: 'Efficiency Leverage law (fine-grained MoE vs dense)',
  citation:
    'Tian et al., "Towards Greater Leverage: Scaling Laws for Efficient Mixture-of-Experts Language Models", arXiv:2507.17702',
  variables: [
    {
      name: 'activation',
      symbol: 'A',
      label: 'activation ratio',
      unit: '1',
      description: 'Activation ratio (E_a + E_s)/(E + E_s): activated (routed + shared) experts over all experts.',
    },
    {
      name: 'granularity',
      symbol: 'G',
      label: 'granularity',
      unit: '1',
      description: 'Expert granularity 2·d_model/d_expert.',
    },
    {
      name: 'sharedRatio',
      symbol: 'S',
      unit: '1',
      description: 'Shared-expert ratio E_s/(E_a + E_s). Not in the EL formula; one shared expert is the practical choice.',
    },
    {
      name: 'flops',
      symbol: 'C',
      label: 'training compute',
      unit: 'FLOPs',
      description: 'Training compute C = M·D (M non-embedding FLOPs per token counting only activated experts, D tokens).',
    },
    {
      name: 'flopsPerToken',
      symbol: 'M',
      unit: 'FLOPs/token',
      description: 'Non-embedding FLOPs per token, activated experts only (allocation law).',
    },
    { name: 'tokens', symbol: 'D', unit: 'tokens', description: 'Training tokens.' },
    {
      name: 'el',
      symbol: 'EL',
      label: 'efficiency leverage',
      unit: TIMES_UNIT,
      description: 'Efficiency leverage C_dense/C_MoE: the dense compute reaching the MoE loss, over the MoE compute.',
    },
  ],
  fittedRanges: {
    // Activation ratios from 1/128 (≈0.8%) to dense; granularities 2–16.
    activation: { min: 0.008, max: 1, unit: '1', note: 'Activation ratios from 1/128 (≈0.8%) to 100% (dense).' },
    granularity: { min: 2, max: 16, unit: '1' },
    flops: {
      min: 3e17,
      max: 3e20,
      unit: 'FLOPs',
      note: 'The fits used budgets of about 3e17 to 3e20 FLOPs (LAWS.md §2); the paper’s 1e22 predictions are extrapolations by design.',
    },
    el: {
      max: 6,
      unit: TIMES_UNIT,
      note: 'The paper states only a maximum: EL < 6 was used to fit, EL ≥ 6 only to validate. There is no lower bound to check.',
    },
  },
  questions: [
    'How many times less compute than a dense model does this MoE need to reach the same loss (its efficiency leverage)?',
    'Which dense compute is my MoE worth, from A, G and the budget or from E, E_a, E_s, d_model and d_expert?',
    'Which expert granularity gives the most leverage at a given activation ratio and budget?',
    'How should a budget be split between FLOPs per token and tokens, for a dense model and for an MoE?',
    'Which learning rate and batch size should a dense model or an MoE use at a budget?',
    'What leverage do my own dense and MoE loss–compute fits imply?',
  ],
};
