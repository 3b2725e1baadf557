import { describe, expect, it } from 'vitest';
import { JOINT_LAW_DESCRIPTION, jointFlags, peakLearningRate, planComputeOptimal, trainingRecipe } from '../../../../src-main/engine/joint';

describe('learning rate (Eq. 8)', () => {
  it('is exp(8.39 − 0.81 ln N − 0.25 ln E)', () => {
    // By hand: exp(8.39 − 0.81·ln 1e8) = exp(−6.5306) ≈ 1.4579e-3; with E = 8 a further 8^−0.25 ≈ 0.5946.
    expect(peakLearningRate(1e8, 1).value).toBeCloseTo(1.4579e-3, 6);
    expect(peakLearningRate(1e8, 8).value).toBeCloseTo(8.6688e-4, 7);
  });

  it('uses non-embedding active parameters by default and says so; the embedding option raises N and lowers LR', () => {
    const a = planComputeOptimal({ flops: 1e20, experts: [4] }).best!;
    const b = planComputeOptimal({ flops: 1e20, experts: [4], learningRateBasis: 'active-with-embedding' }).best!;
    expect(a.learningRate.basis).toBe('active-non-embedding');
    expect(a.learningRate.parameterCount).toBeCloseTo(a.nActNonEmbedding, 0);
    expect(b.learningRate.basis).toBe('active-with-embedding');
    expect(b.learningRate.parameterCount).toBe(b.nAct);
    expect(b.learningRate.value).toBeLessThan(a.learningRate.value);
  });
});

describe('training recipe (Sec. 5.1)', () => {
  it('resolves the batch ramp-up and the LR schedule to token boundaries for a 10B-token run', () => {
    const r = trainingRecipe(10e9, 1e-3);
    expect(r.batchRampUp).toEqual([
      { fromTokens: 0, toTokens: 0.5e9, batchTokens: 65_536 },
      { fromTokens: 0.5e9, toTokens: 1e9, batchTokens: 131_072 },
      { fromTokens: 1e9, toTokens: 10e9, batchTokens: 262_144 },
    ]);
    expect(r.learningRateSchedule.warmupEndTokens).toBe(130e6);
    expect(r.learningRateSchedule.decayStartTokens).toBe(8e9);
    expect(r.learningRateSchedule.decayEndTokens).toBe(10e9);
    expect(r.notes).toEqual([]);
  });

  it('says so when a run is too short for the published recipe', () => {
    const r = trainingRecipe(0.1e9, 1e-3);
    expect(r.batchRampUp).toEqual([{ fromTokens: 0, toTokens: 0.1e9, batchTokens: 65_536 }]);
    expect(r.notes.length).toBe(2);
  });
});

describe('extrapolation flags', () => {
  it('give every fitted range of the joint law a lower and an upper bound', () => {
    for (const [name, r] of Object.entries(JOINT_LAW_DESCRIPTION.fittedRanges)) {
      expect(r.min, name).toBeGreaterThan(0);
      expect(r.max, name).toBeGreaterThan(r.min!);
    }
    expect(JOINT_LAW_DESCRIPTION.fittedRanges.tokensPerParam!.max).toBeLessThan(414);
  });

  it('flag each quantity just past its bound and nothing at a fitted run', () => {
    // Table row 1 of App. E: E = 32, 321M active, 5.0B total, on 16B tokens.
    expect(jointFlags({ experts: 32, nAct: 3.2e8, nTotal: 4.9e9, tokens: 16e9 })).toEqual([]);
    const outside = jointFlags({ experts: 33, nAct: 2.8e9, nTotal: 5.1e9, tokens: 0.4e9 }).map((f) => f.code);
    expect(outside.sort()).toEqual([
      'joint-experts-above-fitted',
      'joint-nAct-above-fitted',
      'joint-nTotal-above-fitted',
      'joint-tokens-below-fitted',
      'joint-tokensPerParam-below-fitted',
    ]);
    expect(jointFlags({ flops: 1e22 }).map((f) => f.code)).toEqual(['joint-flops-above-fitted']);
    expect(jointFlags({ flops: 1e17 }).map((f) => f.code)).toEqual(['joint-flops-below-fitted']);
    expect(jointFlags({ nAct: 1e8, tokens: 4.2e10 }).map((f) => f.code)).toContain('joint-tokensPerParam-above-fitted');
  });

  it('describe the joint law for the UI: citation, units and the questions it answers', () => {
    expect(JOINT_LAW_DESCRIPTION.id).toBe('joint');
    expect(JOINT_LAW_DESCRIPTION.citation).toMatch(/2502\.05172/);
    for (const key of Object.keys(JOINT_LAW_DESCRIPTION.fittedRanges)) {
      expect(JOINT_LAW_DESCRIPTION.variables.map((v) => v.name)).toContain(key);
    }
    expect(JOINT_LAW_DESCRIPTION.questions.length).toBeGreaterThanOrEqual(4);
  });
});
