/**
 * Bytes per parameter held for training, by kind. The ZeRO paper's accounting (Rajbhandari et
 * al. 2020, §3.1): mixed-precision Adam keeps 2Ψ bf16 weights + 2Ψ bf16 gradients + KΨ optimizer
 * bytes with K = 12 (fp32 master weights, momentum and variance): 16 bytes per parameter.
 */
export interface OptimizerChoice {
  id: OptimizerId;
  label: string;
  weightBytes: number;
  gradientBytes: number;
  /** K: optimizer-state bytes per parameter, fp32 master copy included where there is one. */
  optimizerBytes: number;
  source: string;
}

export type OptimizerId = 'adam-mixed' | 'adam-fp32' | 'adam-8bit-mixed' | 'sgd-momentum-mixed' | 'sgd-momentum-fp32';

export const OPTIMIZERS: Readonly<Record<OptimizerId, OptimizerChoice>> = Object.freeze({
  'adam-mixed': {
    id: 'adam-mixed',
    label: 'Adam, bf16 mixed precision (16 B/param)',
    weightBytes: 2,
    gradientBytes: 2,
    optimizerBytes: 12,
    source: 'Rajbhandari et al. 2020 (ZeRO), §3.1: K = 12 (fp32 master weights, momentum, variance)',
  },
  'adam-fp32': {
    id: 'adam-fp32',
    label: 'Adam, fp32 (16 B/param)',
    weightBytes: 4,
    gradientBytes: 4,
    optimizerBytes: 8,
    source: 'fp32 weights and gradients; Adam momentum and variance in fp32 (Kingma & Ba 2015)',
  },
  'adam-8bit-mixed': {
    id: 'adam-8bit-mixed',
    label: '8-bit Adam, bf16 mixed precision (10 B/param)',
    weightBytes: 2,
    gradientBytes: 2,
    optimizerBytes: 6,
    source: 'Dettmers et al. 2022 (8-bit optimizers): 1-byte momentum and variance, plus the 4-byte fp32 master copy',
  },
  'sgd-momentum-mixed': {
    id: 'sgd-momentum-mixed',
    label: 'SGD with momentum, bf16 mixed precision (12 B/param)',
    weightBytes: 2,
    gradientBytes: 2,
    optimizerBytes: 8,
    source: 'fp32 master weights and fp32 momentum (ZeRO §3.1 accounting with K = 8)',
  },
  'sgd-momentum-fp32': {
    id: 'sgd-momentum-fp32',
    label: 'SGD with momentum, fp32 (12 B/param)',
    weightBytes: 4,
    gradientBytes: 4,
    optimizerBytes: 4,
    source: 'fp32 weights, gradients and momentum',
  },
});

export const OPTIMIZER_IDS = Object.keys(OPTIMIZERS) as OptimizerId[];
