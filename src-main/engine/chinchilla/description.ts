/**
 * The Chinchilla dense baseline (LAWS.md §5), against which every MoE recommendation can be
 * set. Both published parametric fits share this description; the coefficient set carries
 * which one is in use.
 */
import type { LawDescription } from '../common/law-description';

export const CHINCHILLA_LAW: LawDescription = {
  id: 'chinchilla',
  name: 'Chinchilla dense scaling law (parametric fit, Approach 3)',
  citation:
    'Hoffmann et al., "Training Compute-Optimal Large Language Models", NeurIPS 2022, arXiv:2203.15556; ' +
    'refit by Besiroglu et al., "Chinchilla Scaling: A replication attempt", arXiv:2404.10102',
  variables: [
    { name: 'params', symbol: 'N', unit: 'parameters', description: 'Model parameters (dense).' },
    { name: 'tokens', symbol: 'D', unit: 'tokens', description: 'Training tokens.' },
    { name: 'flops', symbol: 'F', unit: 'FLOPs', description: 'Training compute, F = 6·N·D.' },
    { name: 'loss', symbol: 'L', unit: 'nats/token', description: 'Final training loss (MassiveText).' },
  ],
  fittedRanges: {
    params: { min: 70e6, max: 16e9, unit: 'parameters', note: 'Over 400 models from 70M to over 16B parameters (Hoffmann et al., abstract).' },
    tokens: { min: 5e9, max: 500e9, unit: 'tokens', note: 'Trained on 5 to 500 billion tokens (Hoffmann et al., abstract).' },
  },
  questions: [
    'What loss will a dense model with N parameters reach on D tokens?',
    'For a FLOP budget, what dense model size and token count give the lowest loss?',
    'Which compute-optimal dense model should an MoE recommendation be compared against?',
  ],
};
