/**
 * Efficiency Leverage is a multiple ("7.24×") wherever a person reads it: the Leverage page, the
 * CLI's answer, its "How was this computed?" (the explain channel and `--explain`), the extrapolation
 * flag and the PDF's appendix write the same figure the same way, never the bare "7.245" a
 * dimensionless unit gave the explanation while the page showed "7.24×".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, ctx } from './run-cli';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { pdfText } from '../reports/pdf-text';
import { leverageByHand } from './leverage-by-hand';

const A = 0.031;
const G = 12;
const C = 1e22;
const EL = leverageByHand(A, G, C);
/** Three significant digits and the multiplication sign, as the page's table writes EL. */
const shown = `${EL.toPrecision(3)}×`;
/** The same figure to four digits: what the explanation wrote before it was a multiple. */
const fourDigits = EL.toPrecision(4);

type Row = { symbol: string; value: string; substituted: string; raw: number };
type Explained = { explanations: Array<{ title: string; rows: Row[] }> };

describe('Efficiency Leverage is written "7.24×" by every reader of it', () => {
  it('is the figure the paper reports for A = 3.1%, G = 12 at 10²² FLOPs (EL above 7), to three digits', () => {
    expect(shown).toBe('7.24×');
    expect(fourDigits).toBe('7.245');
  });

  it('explain.figure: the EL row reads as the page does, and C_dense = EL·C substitutes the same digits', async () => {
    const r = (await dispatch(handlers, ctx, 'explain.figure', { channel: 'law.leverage', request: { activation: A, granularity: G, flops: C } })) as { ok: boolean; value: Explained };
    expect(r.ok).toBe(true);
    const rows = r.value.explanations[0]!.rows;
    const el = rows.find((x) => x.symbol === 'EL')!;
    expect(el.raw / EL - 1).toBeCloseTo(0, 12);
    expect(el.value).toBe(shown);
    const dense = rows.find((x) => x.symbol === 'C_dense')!;
    expect(dense.substituted).toBe(`${EL.toPrecision(3)}·(1.0 × 10²²)`);
    // The best-granularity explanation's EL(G*) is a multiple too.
    const best = r.value.explanations.find((e) => /best granularity/.test(e.title));
    expect(best?.rows.find((x) => x.symbol === 'EL(G*)')?.value).toMatch(/^\d\.\d\d×$/);
  });

  it('the CLI writes the answer, the flag and the explanation with the same "7.24×"', async () => {
    const r = await cli('law', 'leverage', '--flops', '1e22', '--activation', '0.031', '--granularity', '12', '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`EL = ${shown} (dense compute ÷ MoE compute at equal loss)`);
    expect(r.stdout).toContain(`efficiency leverage EL = ${shown} is 1.21× above the fitted maximum 6×`);
    expect(r.stdout).toMatch(new RegExp(`\\n\\s+= ${EL.toPrecision(3)}×   \\(efficiency leverage C_dense/C_MoE\\)`));
    expect(r.stdout).not.toContain(fourDigits);
  });

  it('optimum leverage and leverage reference write EL as a multiple', async () => {
    const o = await cli('optimum', 'leverage', '--activation', '0.031', '--flops', '1e22');
    expect(o.stdout).toMatch(/EL = \d\.\d\d×, equivalent dense compute/);
    const ref = await cli('leverage', 'reference', '--flops', '1e22');
    expect(ref.stdout).toMatch(/EL = \d+(\.\d+)?× at C = /);
  });
});

describe('the PDF appendix writes a saved leverage scenario’s EL as the page does', () => {
  let w: Workspace;
  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Leverage units');
  });
  afterAll(() => removeWorkspace(w));

  it('"7.24×" on page 1, in the warnings and in the explanation, never "7.245"', async () => {
    const lev = await w.call('law.leverage', { activation: A, granularity: G, flops: C });
    const { id } = await w.save('Leverage at 10²²', 'leverage', lev);
    const r = await w.call('reports.pdf', { scenarioIds: [id], paper: 'a4', byteConvention: 'binary' });
    const pdf = await pdfText(new Uint8Array(Buffer.from(r.base64, 'base64')));
    const start = pdf.pageTexts.findIndex((p) => p.includes('How these figures were computed'));
    expect(start).toBeGreaterThan(0);
    const appendix = pdf.pageTexts.slice(start).join(' ');
    expect(appendix).toContain('EL(A, G, C) = Â^(a + d·log₁₀ C + γ·(log₂ G)² + β·log₂ G)');
    // The appendix's table: quantity, formula, values substituted, value.
    expect(appendix).toContain(`EL: efficiency leverage C_dense/C_MoE Â^q 0.0473^(−0.649) ${shown} `);
    expect(appendix).toContain(`EL·C ${EL.toPrecision(3)}·(1.0 × 10²²) 7.2 × 10²² FLOPs`);
    expect(appendix).toContain(`efficiency leverage EL = ${shown} is 1.21× above the fitted maximum 6×`);
    expect(pdf.first).toContain(`EL = ${shown}: this MoE reaches the loss`);
    expect(pdf.pageTexts.join(' ')).not.toContain(fourDigits);
  });
});
