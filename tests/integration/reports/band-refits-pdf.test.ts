/**
 * The PDF appendix lists every refit a saved band is taken over, however many (it listed 200 and
 * then pointed elsewhere): a reader checking the band's ends has the whole list in the report, in
 * planner units, as a dense table of side-by-side blocks that keeps 1,000 refits within a few
 * pages. Read back with pdftotext; each refit's E, N_act, D and L are the saved band's.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BandJobs } from '../../../src-main/services/band/jobs';
import { contract } from '../../../src-main/ipc/contract';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

const REFITS = 1000;
type Winner = { experts: number; nAct: number; tokens: number; loss: number };

/** "84.3 B" → 8.43e10: the report's counts (K, M, B, T). */
const count = (text: string) => Number(text.slice(0, -2).replace(/,/g, '')) * { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[text.slice(-1) as 'K' | 'M' | 'B' | 'T'];

describe('PDF appendix: a band’s refits, all of them', () => {
  let w: Workspace;
  let winners: Winner[];
  let pages: string[];

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Band refits');
    const base = (await w.call('coefficients.get', { id: 'ludziejewski2025-joint' })) as { values: Record<string, number> };
    const set = w.ctx.store().coefficients.create({ law: 'joint', name: 'Joint refit ×1000', values: base.values });
    // A thousand refits that disagree a little on how fast the loss falls with N and with E.
    w.ctx.store().coefficients.saveReplicates(
      set.id,
      Array.from({ length: REFITS }, (_, i) => ({ ...base.values, alpha: base.values.alpha! * (0.97 + (0.06 * i) / (REFITS - 1)), gamma: base.values.gamma! * (1 + 0.2 * Math.sin(i)) })),
    );
    const request = { flops: 1e21, experts: [1, 4, 16, 64], coefficientSetId: set.id };
    const plan = await w.call('plan.compute', request);
    // More replicates than stay inline: the band is a job, as on the page and in the CLI, and saved with the plan once done.
    expect(plan.bandJob).toMatchObject({ replicates: REFITS });
    const { job } = new BandJobs().start(contract['band.start'].request.parse({ of: 'plan.compute', request }), w.ctx);
    await job.done;
    const band = (job.result as { uncertainty: NonNullable<typeof plan.uncertainty> }).uncertainty;
    winners = band.winners as Winner[];
    expect(winners).toHaveLength(REFITS);
    const { id } = await w.save('A thousand refits', 'compute', { ...plan, uncertainty: band, bandJob: null }, { coefficientSetId: set.id });
    const pdf = await w.call('reports.pdf', { scenarioIds: [id], paper: 'a4' });
    const file = join(w.dir, 'refits.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    pages = r.stdout.split('\f');
  }, 300_000);
  afterAll(() => removeWorkspace(w));

  it('says how many refits it lists and their units, once', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('the 1,000 values each end of the band is taken over; 1,000 rows (N_act in parameters, D in tokens, L in nats/token):');
    expect(text).toContain('Uncertainty band: 90% over 1,000 bootstrap refits');
    expect(text).not.toMatch(/listed by .How was this computed\?/);
  });

  it('lists every refit in order, each with the saved band’s E, N_act, D and L in planner units', () => {
    // Each entry: refit number, E, N_act, D, L — several side by side on a line.
    const entry = /(?<![\d.,])(\d[\d,]*) +(\d+) +(\d[\d.,]* [KMBT]) +(\d[\d.,]* [KMBT]) +(\d(?:\.\d{1,3})?)(?![\d.])/g;
    const listed = pages.flatMap((p) => [...p.matchAll(entry)].map((m) => ({ refit: Number(m[1]!.replace(/,/g, '')), experts: Number(m[2]), nAct: count(m[3]!), tokens: count(m[4]!), loss: Number(m[5]) })));
    expect(listed.map((x) => x.refit)).toEqual(Array.from({ length: REFITS }, (_, i) => i + 1));
    listed.forEach((x, i) => {
      const saved = winners[i]!;
      expect(x.experts, `refit ${i + 1}`).toBe(saved.experts);
      // Counts to three significant digits, losses to four.
      expect(Math.abs(x.nAct / saved.nAct - 1), `refit ${i + 1} N_act`).toBeLessThan(5e-3);
      expect(Math.abs(x.tokens / saved.tokens - 1), `refit ${i + 1} D`).toBeLessThan(5e-3);
      expect(Math.abs(x.loss - saved.loss), `refit ${i + 1} L`).toBeLessThan(5e-4);
    });
  });

  it('keeps the thousand on at most five pages, four refits to a line', () => {
    const line = /(?<![\d.,])\d[\d,]* +\d+ +\d[\d.,]* [KMBT] +\d[\d.,]* [KMBT] +\d(?:\.\d{1,3})?(?![\d.])/g;
    const onPage = pages.map((p) => p.match(line)?.length ?? 0);
    expect(onPage.filter((n) => n > 0).length).toBeLessThanOrEqual(5);
    const lines = pages.join('\n').split('\n').map((l) => l.match(line)?.length ?? 0).filter((n) => n > 0);
    expect(lines.slice(0, -1).every((n) => n === 4)).toBe(true);
  });
});
