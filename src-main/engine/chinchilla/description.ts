/**
 * The Chinchilla dense baseline (LAWS.md §5), against which every MoE recommendation can be
 * set. Both published parametric fits share this description; the coefficient set carries
 * which one is in use.
 */
import type { LawDescription } from '../common/law-description';
import { count, flops } from '../../format';

export const CHINCHILLA_LAW: LawDescription = {
  id: 'chinchilla',
  name: 'Chinchilla dense scaling law (parametric fit, Approach 3)',
  citation:
    'Hoffmann et al., "Training Compute-Optimal Large Language Models", NeurIPS 2022, arXiv:2203.15556; ' +
    'refit by Besiroglu et al., "Chinchilla Scaling: A replication attempt", arXiv:2404.10102',
  variables: [
    { name: 'params', symbol: 'N', label: 'parameters', unit: 'parameters', description: 'Model parameters (dense).' },
    { name: 'tokens', symbol: 'D', label: 'training tokens', unit: 'tokens', description: 'Training tokens.' },
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

/** The budget of Chinchilla itself (70B parameters on 1.4T tokens), at which the approaches are compared. */
export const CHINCHILLA_BUDGET = 5.76e23;

/**
 * Which of Hoffmann et al.'s approaches a set's allocation comes from, with what it gives at
 * Chinchilla's own budget (computed from the set, not quoted), so a planner knows why two
 * "Chinchilla" answers differ by 2× in model size.
 */
export function chinchillaApproach(setId: string, optimumAtChinchillaBudget: { params: number; tokens: number }): string {
  const at = `at ${flops(CHINCHILLA_BUDGET, 3)} FLOPs (Chinchilla's budget) it gives ${count(optimumAtChinchillaBudget.params)} parameters on ${count(optimumAtChinchillaBudget.tokens)} tokens`;
  if (setId === 'hoffmann2022') {
    return `Hoffmann et al.'s Approach 3 (the parametric loss fit, their published rounded constants): ${at}, not the 70B on 1.4T of their Approaches 1 and 2 (the Chinchilla model); Besiroglu et al. 2024 show the gap comes from the fit, and their replication agrees with Approaches 1 and 2.`;
  }
  if (setId === 'besiroglu2024') {
    return `Epoch AI's replication of Approach 3 (Besiroglu et al. 2024, refit on 240 points read off Hoffmann et al.'s Figure 4): ${at}, in line with Hoffmann et al.'s Approaches 1 and 2 (70B on 1.4T).`;
  }
  return `A user coefficient set of the Chinchilla form L = E + A/N^α + B/D^β (Approach 3's parametric form): ${at}.`;
}
