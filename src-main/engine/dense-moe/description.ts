/**
 * The dense-vs-MoE law of Wang et al. (LAWS.md §4). Only its allocation exponents are
 * published, so the law answers relative questions at once and absolute ones only after the
 * user calibrates it.
 */
import type { LawDescription } from '../common/law-description';

export const DENSE_MOE_LAW: LawDescription = {
  id: 'dense-moe',
  name: 'Dense vs MoE allocation law (needs calibration)',
  citation:
    'Wang et al., "Scaling Laws Across Model Architectures: A Comparative Analysis of Dense and MoE Models in Large Language Models", EMNLP 2024, arXiv:2410.05661',
  variables: [
    { name: 'flopsPerToken', symbol: 'N', unit: 'FLOPs/token', description: 'Model scale: non-embedding FLOPs per token.' },
    { name: 'tokens', symbol: 'D', unit: 'tokens', description: 'Training tokens.' },
    { name: 'flops', symbol: 'C', unit: 'FLOPs', description: 'Compute budget C = N·D.' },
    { name: 'experts', symbol: 'E', unit: 'experts', description: 'Experts per MoE layer (E = 1 is dense).' },
    { name: 'loss', symbol: 'L', unit: 'nats/token', description: 'L = A/(N^α·E^γ) + B/D^β + σ; constants unpublished.' },
  ],
  // The paper's fitted range is not published in a form the product can check against its
  // variables (N here is FLOPs per token); calibrated results carry a distance-from-calibration flag instead.
  fittedRanges: {},
  domainNote:
    'The paper publishes no fitted range in a form the product can check (its N is FLOPs per token and its runs are not listed); a calibrated result is flagged instead by how far its budget lies from the calibration point.',
  questions: [
    'How do the compute-optimal model size and data grow with budget for a dense model and for an MoE?',
    'How much better does an MoE use its data than a dense model (the 16.37% figure)?',
    'Given one compute-optimal run of my own, what model size and tokens should a larger budget use?',
  ],
};
