import type { LawDescription } from '../common/law-description';
import { significant } from '../../format';

import { JOINT_DOMAIN as D, NEAR_RUNS_FACTOR } from './fitted-domain';

const fromRuns = `The ${D.runs.length} training runs of App. E (resources/data/joint-moe-runs.csv)`;

/**
 * The bounds of the 270 runs (App. E), derived from the runs themselves (fitted-domain.ts).
 * A design inside all of them is still flagged when no run lies within 2× of it in N_act, D and E.
 */
export const JOINT_FITTED_RANGES = {
  experts: {
    min: D.experts.min,
    max: D.experts.max,
    unit: 'experts',
    note: `${fromRuns} use E ∈ {${D.experts.values.join(', ')}}; the wizards can restrict their candidates to these.`,
  },
  nAct: { ...D.nAct, unit: 'parameters', note: `${fromRuns}: smallest and largest active parameter count, embeddings included.` },
  nTotal: { ...D.nTotal, unit: 'parameters', note: `${fromRuns}: smallest and largest total parameter count (Eq. 9).` },
  tokens: { ...D.tokens, unit: 'tokens' },
  tokensPerParam: {
    ...D.tokensPerParam,
    unit: '1',
    note: `${fromRuns} reach ${significant(D.tokensPerParam.max)} tokens per active parameter; the authors say they trust the law less for very high ratios (App. C: ≈414 is beyond their data).`,
  },
  flops: { ...D.flops, unit: 'FLOPs', note: `${fromRuns}: training compute 6·N_act·D of the smallest and the largest run.` },
} as const;

/** What the joint check means, for the UI and `laws list`. */
export const JOINT_DOMAIN_NOTE = `Besides these bounds, a design is flagged when no fitted run lies within ${NEAR_RUNS_FACTOR}× of it in active parameters, tokens and E at once.`;

export const JOINT_LAW_DESCRIPTION: LawDescription = {
  id: 'joint',
  name: 'Joint MoE scaling law',
  citation:
    'Ludziejewski, Pióro et al., "Joint MoE Scaling Laws: Mixture of Experts Can Be Memory Efficient", ICML 2025, arXiv:2502.05172',
  variables: [
    { name: 'nAct', symbol: 'N_act', label: 'active parameters', unit: 'parameters', description: 'Active parameters per token, embedding and unembedding included.' },
    { name: 'nTotal', symbol: 'N_total', label: 'total parameters', unit: 'parameters', description: 'All parameters, embedding and unembedding included.' },
    { name: 'tokens', symbol: 'D', label: 'training tokens', unit: 'tokens', description: 'Training tokens.' },
    { name: 'experts', symbol: 'E', label: 'experts', unit: 'experts', description: 'Experts per MoE layer (top-1 routing, each expert the size of the dense FFN); E = 1 is dense.' },
    { name: 'eHat', symbol: 'Ê', unit: '1', description: 'Saturating transform of E (Eq. 4).' },
    { name: 'tokensPerParam', symbol: 'D/N_act', label: 'tokens per active parameter', unit: '1', description: 'Training tokens per active parameter.' },
    { name: 'flops', symbol: 'F', label: 'training compute', unit: 'FLOPs', description: 'Training compute, 6·N_act·D.' },
    { name: 'inferenceTokens', symbol: 'D_inf', unit: 'tokens', description: 'Tokens processed at inference over the model lifetime, costing 2·N_act·D_inf.' },
    { name: 'memoryBytes', symbol: 'M', unit: 'bytes', description: 'Memory budget for weights, optionally with the KV cache.' },
    { name: 'kvTokens', symbol: 'T', unit: 'tokens', description: 'Tokens held in the KV cache (may span several sequences).' },
    { name: 'loss', symbol: 'L', unit: 'nats/token', description: 'Final training loss (FineWeb-Edu, GPT-2 tokenizer).' },
  ],
  fittedRanges: { ...JOINT_FITTED_RANGES },
  domainNote: JOINT_DOMAIN_NOTE,
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
