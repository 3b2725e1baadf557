/** Issue 8, criterion 1: CSV import — RFC 4180, mapping with units, every bad row by line, all-or-nothing. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importRuns, parseCsv } from '../../../../src-main/engine/fit';
import { CHINCHILLA_CSV, hasChinchilla } from './helpers';

describe('parseCsv (RFC 4180)', () => {
  it('handles quotes, escaped quotes, embedded delimiters and line breaks, CRLF, BOM and blank lines', () => {
    const { records, errors } = parseCsv('\ufeffname,loss\r\n"a, ""b""\r\nc",2.5\r\n\r\nplain,3\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['name', 'loss'] },
      { line: 2, fields: ['a, "b"\r\nc', '2.5'] },
      { line: 5, fields: ['plain', '3'] },
    ]);
  });
  it('reports syntax errors with their lines', () => {
    const { errors } = parseCsv('a,b\n"x"y,1\nq"r,2\n3,"unterminated\n');
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(errors[0]!.reason).toMatch(/after a closing quote/);
    expect(errors[1]!.reason).toMatch(/quote inside an unquoted field/);
    expect(errors[2]!.reason).toMatch(/unterminated/);
  });
  it('rejects a bad delimiter naming the field', () => {
    expect(() => parseCsv('a', '"')).toThrow(/delimiter/);
  });
});

describe('importRuns', () => {
  it.skipIf(!hasChinchilla)('accepts the Chinchilla file as it is (Model Size, Training FLOP, loss; D = F/(6N))', () => {
    const text = readFileSync(CHINCHILLA_CSV, 'utf8');
    const r = importRuns(text);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.runs).toHaveLength(245);
    expect(r.columns.nAct!.header).toBe('Model Size');
    expect(r.columns.flops!.header).toBe('Training FLOP');
    expect(r.columns.loss!.header).toBe('loss');
    // first data line of the file, by hand
    const first = text.split(/\r?\n/)[1]!.split(',');
    const N = Number(first[3]);
    const F = Number(first[4]);
    expect(r.runs[0]).toMatchObject({ nAct: N, loss: Number(first[6]), line: 2 });
    expect(r.runs[0]!.tokens).toBeCloseTo(F / (6 * N), 3);
  });

  it('reports every bad row with its line and reason, and accepts nothing', () => {
    const text = ['Model Size,Training FLOP,loss', '1e9,1e20,3.1', 'abc,1e20,3', '1e9,,3', '1e9,1e20', '2e9,-1e20,0', '3e9,2e20,2.9'].join('\n');
    const r = importRuns(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect('runs' in r).toBe(false);
    const byLine = r.errors.map((e) => [e.line, e.reason]);
    expect(byLine).toEqual([
      [3, 'nAct is not a number: "abc"'],
      [4, 'missing value for flops'],
      [5, 'expected 3 fields, got 2'],
      [6, 'loss must be > 0, got 0'],
      [6, 'flops must be > 0, got -1e20'],
    ]);
    expect(r.errors[0]!.column).toBe('Model Size');
  });

  it('reports a missing required column on the header line', () => {
    const r = importRuns('params,tokens\n1e9,1e10\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ line: 1, reason: expect.stringMatching(/no column for loss/) })]);
  });

  it('maps columns explicitly, with units in the mapping or the header', () => {
    const text = 'run,active (M),total [B],D (B),E,final,lr,batch\nr1,100,0.5,20,8,2.9,3e-4,262144\n';
    const r = importRuns(text, {
      law: 'joint',
      mapping: { label: 'run', nAct: 'active', nTotal: 'total', tokens: { column: 'D' }, experts: 4, loss: { column: 'final', unit: 'nats' }, learningRate: 'lr', batchTokens: 'batch' },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.runs[0]).toEqual({ label: 'r1', line: 2, nAct: 100e6, nTotal: 0.5e9, tokens: 20e9, experts: 8, loss: 2.9, learningRate: 3e-4, batchTokens: 262144 });
  });

  it('converts loss in bits and FLOPs in PF-days', () => {
    const r = importRuns('N,flops,loss\n1e9,1,4\n', { mapping: { flops: { column: 'flops', unit: 'PF-days' }, loss: { column: 'loss', unit: 'bits' } } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.runs[0]!.tokens).toBeCloseTo(8.64e19 / 6e9, 0);
    expect(r.runs[0]!.loss).toBeCloseTo(4 * Math.LN2, 12);
  });

  it('derives N_act and N_total from a shape (App. A)', () => {
    const r = importRuns('d_model,experts,tokens,loss\n512,8,1e10,3\n', { law: 'joint' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const d = 512;
    const nb = d / 64;
    expect(r.runs[0]!.nAct).toBe(2 * d * 50257 + 13 * nb * d * d);
    expect(r.runs[0]!.nTotal).toBe(2 * d * 50257 + (4 + 9 * 8) * nb * d * d);
  });

  it('rejects unknown mappings, units that do not apply and N_total < N_act', () => {
    const bad = importRuns('N,D,loss\n1e9,1e10,3\n', { mapping: { nAct: 'nope' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.reason).toMatch(/mapping.nAct: no column "nope"/);
    const unit = importRuns('N,D,loss\n1e9,1e10,3\n', { mapping: { loss: { column: 'loss', unit: 'M' } } });
    expect(unit.ok).toBe(false);
    const tot = importRuns('nact,ntotal,tokens,loss\n2e9,1e9,1e10,3\n');
    expect(tot.ok).toBe(false);
    if (!tot.ok) expect(tot.errors[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/smaller than nAct/) });
  });

  it('requires the comprehensive law’s extra columns', () => {
    const r = importRuns('nact,tokens,loss\n1e9,1e10,3\n', { law: 'comprehensive' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.reason).join(' ')).toMatch(/nTotal.*activatedExperts.*sharedRatio/s);
  });
});
