/** CSV import of the comprehensive law's activated experts G and shared ratio S: mapping, units, bounds by line. */
import { describe, expect, it } from 'vitest';
import { importRuns } from '../../../../src-main/engine/fit';

const text = [
  'run,active (M),total (M),D (B),top-k,shared %,final',
  'a,200,1200,40,8,25,2.9',
  'b,100,100,10,1,0,3.2',
  'c,100,400,10,4,100,3.1',
].join('\n');
const mapping = {
  nAct: 'active',
  nTotal: 'total',
  tokens: 'D',
  activatedExperts: 'top-k',
  sharedRatio: { column: 'shared %', unit: '%' as const },
  loss: 'final',
  label: 'run',
};

describe('importRuns: G and S', () => {
  it('maps columns to G and S, S in percent converted to a fraction', () => {
    const r = importRuns(text, { law: 'comprehensive', mapping });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.columns.activatedExperts).toMatchObject({ header: 'top-k', unit: '' });
    expect(r.columns.sharedRatio).toMatchObject({ header: 'shared %', unit: '%' });
    expect(r.runs.map((x) => [x.label, x.nAct, x.nTotal, x.tokens, x.activatedExperts, x.sharedRatio])).toEqual([
      ['a', 200e6, 1200e6, 40e9, 8, 0.25],
      ['b', 100e6, 100e6, 10e9, 1, 0],
      ['c', 100e6, 400e6, 10e9, 4, 1],
    ]);
  });

  it('recognises G and S by header name', () => {
    const r = importRuns('nact,ntotal,tokens,activated_experts,shared_ratio,loss\n1e8,4e8,1e10,4,0.25,3\n', { law: 'comprehensive' });
    expect(r.ok && r.runs[0]).toMatchObject({ activatedExperts: 4, sharedRatio: 0.25 });
  });

  it('reports G < 1, S outside [0, 1] and missing values by line, and returns no runs', () => {
    const bad = [text.split('\n')[0], 'a,200,1200,40,0.5,25,2.9', 'b,100,100,10,1,120,3.2', 'c,100,400,10,,-5,3.1', 'd,100,400,10,2,,3.1'].join('\n');
    const r = importRuns(bad, { law: 'comprehensive', mapping });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'top-k'],
      [3, 'shared %'],
      [4, 'top-k'],
      [4, 'shared %'],
      [5, 'shared %'],
    ]);
    expect(r.errors[0]!.reason).toMatch(/activatedExperts must be ≥ 1/);
    expect(r.errors[1]!.reason).toMatch(/sharedRatio must be ≤ 1/);
    expect(r.errors[2]!.reason).toMatch(/missing value for activatedExperts/);
    expect(r.errors[4]!.reason).toMatch(/missing value for sharedRatio/);
  });

  it('for other laws G and S are carried when given and may be left empty', () => {
    const r = importRuns('nact,tokens,g,s,loss\n1e8,1e10,4,0.25,3\n2e8,1e10,,,2.9\n', { law: 'chinchilla' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.runs[0]).toMatchObject({ activatedExperts: 4, sharedRatio: 0.25 });
    expect(r.runs[1]!.activatedExperts).toBeUndefined();
    expect(r.runs[1]!.sharedRatio).toBeUndefined();
  });
});
