/**
 * The design Tian et al. built from their law to validate it: Ling-mini-beta ("MoE-mini"),
 * trained on 1T tokens, matching a 6.1B dense model (LAWS.md §2). Offered as a preset.
 *
 * Its G from the stated shapes is 2·2048/384 ≈ 10.7; secondary summaries quote G = 12 and
 * A = 3.4%. We keep the shapes as published and derive A, S, G from them, so the preset and
 * the fine-grained calculator can never disagree.
 */
import { deriveArchitecture, type DerivedArchitecture, type FineGrainedConfig } from './fine-grained';

export interface ReferenceDesign extends FineGrainedConfig {
  id: string;
  name: string;
  citation: string;
  totalParams: number;
  activeParams: number;
  layers: number;
  attentionHeads: number;
  kvHeads: number;
  trainingTokens: number;
  matchedDense: { params: number; layers: number; dModel: number; dFfn: number };
  notes: string;
}

export const LING_MINI_BETA: Readonly<ReferenceDesign> = Object.freeze({
  id: 'ling-mini-beta',
  name: 'Ling-mini-beta (MoE-mini)',
  citation:
    'Tian et al., "Towards Greater Leverage: Scaling Laws for Efficient Mixture-of-Experts Language Models", arXiv:2507.17702',
  totalParams: 17.5e9,
  activeParams: 0.85e9,
  layers: 20,
  dModel: 2048,
  dExpert: 384,
  experts: 384,
  activeExperts: 12,
  sharedExperts: 1,
  attentionHeads: 16,
  kvHeads: 4,
  trainingTokens: 1e12,
  matchedDense: Object.freeze({ params: 6.1e9, layers: 28, dModel: 4096, dFfn: 14336 }),
  notes:
    'Matched a 6.1B dense model (28 layers, d_model 4096, d_ffn 14336) on 1T tokens with about 7x less compute. ' +
    'G derived from the shapes is 2·2048/384 ≈ 10.7; summaries of the paper quote G = 12.',
});

export function referenceDesignArchitecture(design: ReferenceDesign = LING_MINI_BETA): DerivedArchitecture {
  return deriveArchitecture(design);
}
