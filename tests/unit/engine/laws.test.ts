import { describe, expect, it } from 'vitest';
import { LAW_DESCRIPTIONS, LAW_REGISTRY, QUESTION_IDS, lawDescription, lawsForQuestion, type QuestionId } from '../../../src-main/engine/laws';
import { publishedSet, PUBLISHED_SETS } from '../../../src-main/engine/common/coefficients';

const ids = (q: QuestionId, family?: 'dense' | 'moe') => lawsForQuestion(q, { family }).map((e) => e.description.id).sort();

describe('law registry', () => {
  it('lists all five laws, each with a citation, variables and questions', () => {
    expect(LAW_DESCRIPTIONS.map((d) => d.id).sort()).toEqual(['chinchilla', 'comprehensive', 'dense-moe', 'joint', 'leverage']);
    for (const d of LAW_DESCRIPTIONS) {
      expect(d.citation.length).toBeGreaterThan(20);
      expect(d.variables.length).toBeGreaterThan(0);
      expect(d.questions.length).toBeGreaterThan(0);
      // Every published set of this law cites the same paper family as the description.
      const sets = PUBLISHED_SETS.filter((s) => s.law === d.id);
      expect(sets.length).toBeGreaterThan(0);
    }
  });

  it('every fitted range of the four laws of this module names one of its variables (so the flag can say what it is)', () => {
    for (const id of ['leverage', 'comprehensive', 'dense-moe', 'chinchilla']) {
      const d = lawDescription(id)!;
      const names = new Set(d.variables.map((v) => v.name));
      for (const key of Object.keys(d.fittedRanges)) expect(names.has(key)).toBe(true);
    }
  });

  it('answers each question with the right laws', () => {
    expect(ids('memory-optimal')).toEqual(['joint']);
    expect(ids('inference-optimal')).toEqual(['joint']);
    expect(ids('leverage')).toEqual(['joint', 'leverage']);
    expect(ids('architecture')).toEqual(['comprehensive', 'joint', 'leverage']);
    expect(ids('dense-baseline')).toEqual(['chinchilla', 'dense-moe', 'joint']);
    expect(ids('compute-optimal')).toEqual(['chinchilla', 'dense-moe', 'joint', 'leverage']);
    expect(ids('compute-optimal', 'moe')).toEqual(['dense-moe', 'joint', 'leverage']);
    expect(ids('data-utilisation')).toEqual(['dense-moe']);
    for (const q of QUESTION_IDS) expect(lawsForQuestion(q).length).toBeGreaterThan(0);
  });

  it('marks the exponents-only law as needing calibration, and only it', () => {
    expect(LAW_REGISTRY.filter((e) => e.needsCalibration).map((e) => e.description.id)).toEqual(['dense-moe']);
    expect(publishedSet('wang2024-dense-moe').provenance).toBe('partial');
    expect(publishedSet('moe-comprehensive-2025').provenance).toBe('secondary-transcription');
  });

  it('rejects an unknown question rather than returning nothing', () => {
    expect(() => lawsForQuestion('cheapest' as QuestionId)).toThrow(/question/);
  });
});

describe('every law has lower as well as upper bounds, or says why not', () => {
  it('gives each fitted range a minimum, or a note saying the paper states only a maximum', () => {
    for (const law of LAW_DESCRIPTIONS) {
      for (const [name, r] of Object.entries(law.fittedRanges)) {
        if (r.min === undefined) expect(r.note, `${law.id}.${name}`).toMatch(/only a maximum/);
        else expect(r.min, `${law.id}.${name}`).toBeLessThan(r.max!);
      }
      if (Object.keys(law.fittedRanges).length === 0) expect(law.domainNote, law.id).toBeTruthy();
    }
  });

  it('flags the Efficiency Leverage law below its fitted compute (about 3e17 FLOPs): 1e15 is 300× below', async () => {
    const { leverageFlags } = await import('../../../src-main/engine/leverage/efficiency-leverage');
    const f = leverageFlags({ flops: 1e15 }).find((x) => x.variable === 'flops')!;
    expect(f.code).toBe('leverage-flops-below-fitted');
    expect(f.factor).toBeCloseTo(300, 9);
    expect(f.extent).toBe('far');
    expect(leverageFlags({ flops: 1e19 })).toEqual([]);
  });
});

describe('extrapolation flags name their quantity in words', () => {
  it('every variable with a fitted range has a label, so a flag reads "training compute C", not "flops C"', () => {
    for (const law of LAW_DESCRIPTIONS) {
      for (const name of Object.keys(law.fittedRanges)) {
        const v = law.variables.find((x) => x.name === name);
        expect(v?.label, `${law.id}: ${name}`).toMatch(/^[a-z][a-z -]+$/);
      }
    }
  });

  it("declares each law's coefficient names as its published sets hold them (LAWS.md's tables), so a user set is checked against what the law reads", () => {
    // Names transcribed from LAWS.md's coefficient tables, independently of the engine's readers.
    const fromLaws: Record<string, string[]> = {
      joint: ['a', 'alpha', 'b', 'beta', 'c', 'delta', 'eMax', 'eStart', 'gamma', 'omega', 'zeta'],
      chinchilla: ['A', 'B', 'E', 'alpha', 'beta'],
      'dense-moe': ['dense.dExp', 'dense.nExp', 'moe.dExp', 'moe.nExp'],
    };
    for (const e of LAW_REGISTRY) {
      const id = e.description.id;
      if (fromLaws[id]) expect([...e.coefficientKeys].sort(), id).toEqual(fromLaws[id]);
      for (const set of PUBLISHED_SETS.filter((s) => s.law === id)) expect(Object.keys(set.values).sort(), set.id).toEqual([...e.coefficientKeys].sort());
    }
  });
});
