import { requirePositiveFinite } from '../accounting/validate';
import { flops as fmtFlops } from '../../format';

/**
 * The recipe the joint law was fitted under (Sec. 5.1). The law's predictions assume it, so every
 * recommendation carries it, resolved to token boundaries for the recommended D.
 */
export interface BatchStage {
  fromTokens: number;
  /** Exclusive; the last stage ends at the run's token count. */
  toTokens: number;
  batchTokens: number;
}

export interface TrainingRecipe {
  tokens: number;
  batchRampUp: BatchStage[];
  learningRateSchedule: {
    peakLearningRate: number;
    warmupEndTokens: number;
    decayStartTokens: number;
    decayEndTokens: number;
    shape: 'linear warm-up, constant, linear decay to 0';
  };
  routerZLoss: number;
  loadBalancingLoss: number;
  initScale: number;
  data: string;
  tokenizer: string;
  /** Where this run is too short for the recipe to apply as published. */
  notes: string[];
}

/** "64K" batches in the paper; read as 64·1024 tokens. */
const KILO = 1024;
const RAMP: ReadonlyArray<{ from: number; batch: number }> = [
  { from: 0, batch: 64 * KILO },
  { from: 0.5e9, batch: 128 * KILO },
  { from: 1e9, batch: 256 * KILO },
];
const WARMUP_TOKENS = 130e6;
const DECAY_FRACTION = 0.2;

export function trainingRecipe(tokens: number, peakLearningRate: number): TrainingRecipe {
  requirePositiveFinite(tokens, 'tokens');
  requirePositiveFinite(peakLearningRate, 'peakLearningRate');
  const batchRampUp: BatchStage[] = [];
  RAMP.forEach((stage, i) => {
    if (stage.from >= tokens) return;
    const next = RAMP[i + 1];
    batchRampUp.push({ fromTokens: stage.from, toTokens: Math.min(next ? next.from : tokens, tokens), batchTokens: stage.batch });
  });
  const decayStartTokens = (1 - DECAY_FRACTION) * tokens;
  const notes: string[] = [];
  if (tokens < 1e9) notes.push(`The run ends at ${fmtFlops(tokens, 4)} tokens, before the batch ramp-up reaches 256K.`);
  if (decayStartTokens < WARMUP_TOKENS) {
    notes.push('The final-20% decay starts before the 130M-token warm-up ends; the published schedule does not cover runs this short.');
  }
  return {
    tokens,
    batchRampUp,
    learningRateSchedule: {
      peakLearningRate,
      warmupEndTokens: WARMUP_TOKENS,
      decayStartTokens,
      decayEndTokens: tokens,
      shape: 'linear warm-up, constant, linear decay to 0',
    },
    routerZLoss: 0.001,
    loadBalancingLoss: 0.01,
    initScale: 0.1,
    data: 'FineWeb-Edu',
    tokenizer: 'GPT-2 (50,257 tokens)',
    notes,
  };
}
