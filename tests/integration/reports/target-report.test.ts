/**
 * A saved reverse plan ('target' scenario) in the PDF and the CSV: one report page answers
 * "the cheapest MoE that matches a 7B dense model on 2T tokens, and how sure is that", with every
 * law's citation; the CSV carries each law's winner with its band as raw numbers.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

const OUT = resolve(__dirname, '../../../test-results/reports');

describe('reports of a target scenario', () => {
  let w: Workspace;
  let target: ResponseOf<'plan.target'>;
  let id = '';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    w = await openWorkspace(undefined, 'Target reports');
    target = await w.call('plan.target', { goal: { kind: 'match-dense', params: 7e9, tokens: 2e12 } });
    id = (await w.save('Match 7B on 2T', 'target', target, { inputs: { goal: 'match-dense', denseParams: 7e9, denseTokens: 2e12 }, coefficientSetId: 'ludziejewski2025-joint' })).id;
  });
  afterAll(() => removeWorkspace(w));

  it('the PDF answers the question on its first page, then gives the band, the disagreement and all three citations', async () => {
    const r = await w.call('reports.pdf', { scenarioIds: [id], paper: 'a4' });
    const bytes = Buffer.from(r.base64, 'base64');
    writeFileSync(join(OUT, 'target.pdf'), bytes);
    const { text, first } = await pdfText(new Uint8Array(bytes));
    // Page 1 is the decision, as in every report: the goal, and the answer in one sentence with how sure it is.
    expect(first).toContain('the cheapest design that reaches the loss of a dense model of 7 B parameters trained on 2 T tokens');
    const joint = target.laws.find((l) => l.law === 'joint')!.winners.find((x) => x.objective === 'trainingFlops')!;
    expect(first).toContain(`Joint MoE law: E = ${joint.experts} experts, `);
    expect(first).toMatch(/the cheapest in training at \d\.\d × 10²¹ FLOPs \(\d\.\d × 10²¹ – \d\.\d × 10²¹ FLOPs within the published fit error\)/);
    // The scenario's own page follows with the saved answer.
    expect(target.headline).toContain(`the cheapest MoE under the joint law is E = ${joint.experts} with`);
    expect(text).toContain(target.headline!);
    expect(target.headline).toMatch(/× 10²¹–\d\.\d × 10²¹ FLOPs within the published fit error\)\.$/);
    expect(text).toContain('To match a dense model of 7 B parameters trained on 2 T tokens');
    expect(text).toMatch(/Cheapest design per law and objective/);
    expect(text).toMatch(/How sure is that\?/);
    expect(text).toMatch(/train RMSE 0\.0062/);
    expect(text).toMatch(/Where the laws disagree/);
    expect(text).toMatch(/What every law predicts for the joint law's pick/);
    for (const c of ['arXiv:2502.05172', 'arXiv:2203.15556', 'arXiv:2509.23678']) expect(text).toContain(c);
  });

  it('the CSV holds each law\'s winner and band as raw numbers with units', async () => {
    const r = await w.call('reports.csv', { kind: 'scenario', id });
    const { records, errors } = parseCsv(r.content);
    expect(errors).toEqual([]);
    const byKey = new Map(records.slice(1).map((rec) => [rec.fields[1], rec.fields]));
    const joint = target.laws.find((l) => l.law === 'joint')!.winners.find((x) => x.objective === 'trainingFlops')!;
    expect(Number(byKey.get('target.joint.trainingFlops.experts')![3])).toBe(joint.experts);
    expect(Number(byKey.get('target.joint.trainingFlops.value')![3])).toBe(joint.value);
    expect(byKey.get('target.joint.trainingFlops.value')![2]).toBe('FLOPs');
    expect(Number(byKey.get('target.joint.trainingFlops.band.high')![3])).toBe(joint.uncertainty!.value.high);
    expect(byKey.get('target.goal.params')![3]).toBe('7000000000');
  });
});
