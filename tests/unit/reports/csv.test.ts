/**
 * CSV exports read back with the fitter's RFC 4180 reader (written independently of the
 * writer): same numbers bit for bit, quoting that survives commas, quotes and line breaks,
 * CRLF line ends, units in the column names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import { csvField, toCsv } from '../../../src-main/reports/csv';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { openWorkspace, removeWorkspace, type Workspace } from './workspace';

function parse(text: string): string[][] {
  const { records, errors } = parseCsv(text);
  expect(errors).toEqual([]);
  return records.map((r) => r.fields);
}

describe('RFC 4180 writer', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes, and ends lines with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
    const text = toCsv(['name', 'value (tokens)'], [['x', 1], ['y', 2]]);
    expect(text).toBe('name,value (tokens)\r\nx,1\r\ny,2\r\n');
  });

  it('writes numbers past 2^53 in exponent form, which a 64-bit integer parser cannot overflow on, and every number reads back exactly', () => {
    // String(1e20) is "100000000000000000000": above int64's 9.22e18, so pandas read such a column as text.
    expect(csvField(1e20)).toBe('1e+20');
    expect(csvField(-3.5e19)).toBe('-3.5e+19');
    expect(csvField(1e22)).toBe('1e+22');
    expect(csvField(2 ** 53 - 1)).toBe('9007199254740991');
    expect(csvField(123456789)).toBe('123456789');
    for (const x of [2 ** 53, 1.2345678901234567e20, 9.223372036854776e18, 6.02e23, 0.1 + 0.2, -1e-7, 1726907057.3119524]) {
      expect(Number(csvField(x)), String(x)).toBe(x);
    }
  });

  it('neutralises text a spreadsheet would run as a formula (OWASP CSV injection), leaving numbers raw', () => {
    // the payloads from OWASP's CSV injection page, and each leading character it lists
    for (const attack of ['=cmd|\' /C calc\'!A0', '+1+1', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1', '=HYPERLINK("http://x.test","y")']) {
      const field = csvField(attack);
      const cell = parse(`${field}\r\n`)[0]![0]!;
      expect(cell, JSON.stringify(attack)).toBe(`'${attack}`);
    }
    // only the first character matters; numbers are numbers, negative ones included
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('dense -> moe')).toBe('dense -> moe');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(-0)).toBe('0');
    expect(toCsv(['name', 'loss'], [['=2+2', -3]])).toBe("name,loss\r\n'=2+2,-3\r\n");
  });

  it('round-trips awkward text through an independent parser', () => {
    const nasty = ['comma, inside', 'quote " inside', '"quoted"', 'line\r\nbreak', 'lf\nonly', ' spaces ', '', 'µ≈→ unicode', ',', '""'];
    const text = toCsv(['text', 'n'], nasty.map((s, i) => [s, i]));
    const rows = parse(text);
    expect(rows[0]).toEqual(['text', 'n']);
    // An empty field alone on a line is a blank line to the reader; every other one survives.
    const back = rows.slice(1);
    for (const [s, i] of nasty.map((s, i) => [s, i] as const)) {
      const row = back.find((r) => r[1] === String(i));
      expect(row?.[0]).toBe(s);
    }
  });

  it('writes every double so that it reads back to the same double', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 20 }), (xs) => {
        const rows = parse(toCsv(['x (1)'], xs.map((x) => [x])));
        rows.slice(1).forEach((r, i) => expect(Object.is(Number(r[0]), xs[i]! === 0 ? 0 : xs[i])).toBe(true));
      }),
      { numRuns: 200 },
    );
  });
});

describe('CSV exports of real scenarios', () => {
  let w: Workspace;
  let compute: ResponseOf<'plan.compute'>;
  let memory: ResponseOf<'plan.memory'>;
  let ids: string[];

  beforeAll(async () => {
    w = await openWorkspace();
    compute = await w.call('plan.compute', { flops: 3e21 });
    memory = await w.call('plan.memory', { flops: 1e22, memoryBytes: 40e9, memoryMode: 'total' });
    const a = await w.save('Budget 3e21, "baseline"', 'compute', compute);
    const b = await w.save('Memory 40 GB,\nsecond line', 'memory', memory);
    ids = [a.id, b.id];
  });
  afterAll(() => removeWorkspace(w));

  it('one scenario: a row per E, units in the column names, the plan’s numbers exactly', async () => {
    const csv = await w.call('reports.csv', { kind: 'scenario', id: ids[1]! });
    expect(csv.fileName).toMatch(/\.csv$/);
    expect(csv.content.split('\r\n').length).toBe(memory.candidates.length + 2);
    const rows = parse(csv.content);
    const header = rows[0]!;
    for (const col of ['experts (experts)', 'nAct (parameters)', 'tokens (tokens)', 'loss (nats per token)', 'memory.totalBytes (bytes)', 'trainingFlops (FLOPs)']) expect(header).toContain(col);
    const at = (name: string) => header.indexOf(name);
    for (const c of memory.candidates) {
      const row = rows.find((r) => r[at('experts (experts)')] === String(c.experts))!;
      expect(row).toBeDefined();
      if (!c.feasible) {
        expect(row[at('feasible')]).toBe('false');
        continue;
      }
      expect(Number(row[at('nAct (parameters)')])).toBe(c.nAct);
      expect(Number(row[at('tokens (tokens)')])).toBe(c.tokens);
      expect(Number(row[at('loss (nats per token)')])).toBe(c.loss);
      expect(Number(row[at('memory.totalBytes (bytes)')])).toBe(c.memory.totalBytes);
      expect(Number(row[at('buildable.nAct (parameters)')])).toBe(c.buildable.nAct);
      expect(row[at('best')]).toBe(String(c.experts === memory.best?.experts));
    }
    // No formatted numbers: nothing like 1.09×10⁹, "GB" or thousands separators in numeric columns
    // (the text columns — the scenario's name and where its memory budget came from — say what they say).
    const textual = new Set(['scenario', 'input: Memory budget from', 'input: Budget given as', 'flags', 'reason']);
    const numeric = rows.map((r) => r.filter((_, i) => !textual.has(header[i]!)).join(','));
    for (const line of numeric.slice(1)) expect(line).not.toMatch(/×10|GiB|\d,\d{3},/);
  });

  it('the comparison table: a row per quantity, a column per scenario (names with commas and line breaks survive)', async () => {
    const [model, csv] = await Promise.all([w.call('scenarios.compare', { ids }), w.call('reports.csv', { kind: 'comparison', ids })]);
    const rows = parse(csv.content);
    expect(rows[0]!.slice(0, 4)).toEqual(['quantity', 'key', 'unit', 'differs']);
    expect(rows[0]![4]).toBe(`Budget 3e21, "baseline" [${ids[0]}]`);
    expect(rows[0]![5]).toBe(`Memory 40 GB,\nsecond line [${ids[1]}]`);
    const byKey = new Map(rows.slice(1).map((r) => [r[1]!, r]));
    expect(Number(byKey.get('inputs.flops')![4])).toBe(3e21);
    expect(Number(byKey.get('inputs.flops')![5])).toBe(1e22);
    expect(byKey.get('inputs.flops')![2]).toBe('FLOPs');
    expect(byKey.get('inputs.flops')![3]).toBe('true');
    expect(Number(byKey.get('best.nAct')![4])).toBe(compute.best!.nAct);
    expect(Number(byKey.get('best.nAct')![5])).toBe(memory.best!.nAct);
    expect(Number(byKey.get('best.tokens')![5])).toBe(memory.best!.tokens);
    expect(byKey.get('best.nAct')![2]).toBe('parameters');
    expect(byKey.get('inputs.kvTokens')![3]).toBe('false');
    expect(rows.length - 1).toBe(model.rows.length);
  });

  it('a chart’s data: a row per series × point, axes named with units', async () => {
    const model = await w.call('scenarios.compare', { ids });
    const chart = model.charts.find((c) => c.id === 'loss-per-expert')!;
    const csv = await w.call('reports.csv', { kind: 'chart', ids, chart: 'loss-per-expert' });
    const rows = parse(csv.content);
    expect(rows[0]).toEqual(['series', 'Experts E (experts)', 'Loss (nats per token)']);
    expect(rows.length - 1).toBe(chart.series.reduce((n, s) => n + s.points.length, 0));
    const computeRows = rows.filter((r) => r[0] === 'Budget 3e21, "baseline"');
    const feasible = compute.candidates.filter((c) => c.feasible);
    expect(computeRows.map((r) => Number(r[1]))).toEqual(feasible.map((c) => c.experts));
    expect(computeRows.map((r) => Number(r[2]))).toEqual(feasible.map((c) => (c.feasible ? c.loss : NaN)));
    const bad = await w.raw('reports.csv', { kind: 'chart', ids, chart: 'no-such-chart' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'not-found', path: ['chart'] });
  });
});
