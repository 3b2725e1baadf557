import type { LawDescription } from '../common/law-description';

/** Fitted on 270 runs: up to 2.7B active / 5B total parameters, E ∈ {1..32}, 0.5B–80B tokens (Sec. 5, App. E). */
export const JOINT_FITTED_RANGES = {
  experts: { min: 1, max: 32, unit: 'experts' },
  nAct: { max: 2.7e9, unit: 'parameters' },
  nTotal: { max: 5e9, unit: 'parameters' },
  tokens: { min: 0.5e9, max: 80e9, unit: 'tokens' },
  tokensPerParam: {
    max: 400,
    unit: 'tokens per active parameter',
    note: 'The paper gives ≈414 as beyond its data (App. C) without publishing the largest fitted ratio; 400 is the bound used here.',
  },
  flops: {
    max: 6 * 2.7e9 * 80e9,
    unit: 'FLOPs',
    note: '6 × 2.7B × 80B: no fitted run can have used more training compute than the largest model on the most tokens.',
  },
} as const;

export const JOINT_LAW_DESCRIPTION: LawDescription = {
  id: 'joint',
  name: 'Joint MoE scaling law',
  citation:
    'Ludziejewski, Pióro et al., "Joint MoE Scaling Laws: Mixture of Experts Can Be Memory Efficient", ICML 2025, arXiv:2502.05172',
  variables: [
    { name: 'nAct', symbol: 'N_act', unit: 'parameters', description: 'Active parameters per token, embedding and unembedding included.' },
    { name: 'nTotal', symbol: 'N_total', unit: 'parameters', description: 'All parameters, embedding and unembedding included.' },
    { name: 'tokens', symbol: 'D', unit: 'tokens', description: 'Training tokens.' },
    { name: 'experts', symbol: 'E', unit: 'experts', description: 'Experts per MoE layer (top-1 routing, each expert the size of the dense FFN); E = 1 is dense.' },
    { name: 'eHat', symbol: 'Ê', unit: '1', description: 'Saturating transform of E (Eq. 4).' },
    { name: 'tokensPerParam', symbol: 'D/N_act', unit: 'tokens per active parameter', description: 'Training tokens per active parameter.' },
    { name: 'flops', symbol: 'F', unit: 'FLOPs', description: 'Training compute, 6·N_act·D.' },
    { name: 'inferenceTokens', symbol: 'D_inf', unit: 'tokens', description: 'Tokens processed at inference over the model lifetime, costing 2·N_act·D_inf.' },
    { name: 'memoryBytes', symbol: 'M', unit: 'bytes', description: 'Memory budget for weights, optionally with the KV cache.' },
    { name: 'kvTokens', symbol: 'T', unit: 'tokens', description: 'Tokens held in the KV cache (may span several sequences).' },
    { name: 'loss', symbol: 'L', unit: 'nats/token', description: 'Final training loss (FineWeb-Edu, GPT-2 tokenizer).' },
  ],
  fittedRanges: { ...JOINT_FITTED_RANGES },
  questions: [
    'What loss will a model with N active parameters and E experts reach on D tokens?',
    'For a FLOP budget, how many experts, active parameters and tokens give the lowest loss?',
    'Under a memory budget for the weights (or weights plus KV cache), which E and model size are best?',
    'If the budget must also pay for D_inf inference tokens, which model is best?',
    'How many FLOPs does an MoE save to reach a compute-optimal dense model’s loss?',
    'At a fixed total parameter count, does an MoE trained on E× more tokens beat the compute-optimal dense model?',
    'Which peak learning rate and schedule should the run use?',
  ],
};
