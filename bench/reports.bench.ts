/**
 * Report speed (issue 7): a comparison of 6 saved scenarios — load from the store, build the
 * comparison, draw the charts, write the PDF — in under 2 s; plus the CSV of the same table.
 * Scenarios are real plans from the services, saved in a real store in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { services } from './services';
import { timeMedianAsync, type BenchResult, type BenchSuite } from './harness';

const suite: BenchSuite = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'moe-reports-bench-'));
  const { call, close } = services(dir);
  const results: BenchResult[] = [];
  try {
    const project = (await call('projects.create', { name: 'Bench' })) as { id: string };
    const requests: Array<[string, string, unknown]> = [
      ['compute', 'plan.compute', { flops: 1e21 }],
      ['compute', 'plan.compute', { flops: 1e23 }],
      ['memory', 'plan.memory', { flops: 1e22, hardwareId: 'h100-sxm', deviceCount: 1 }],
      ['memory', 'plan.memory', { flops: 1e23, memoryBytes: 320e9, memoryMode: 'model' }],
      ['inference', 'plan.inference', { flops: 1e22, inferenceTokens: 1e12 }],
      ['inference', 'plan.inference', { flops: 1e23, inferenceTokens: 1e13, hardwareId: 'h100-sxm', deviceCount: 8 }],
    ];
    const ids: string[] = [];
    for (const [i, [wizard, channel, req]] of requests.entries()) {
      const plan = await call(channel, req);
      const s = (await call('scenarios.create', { projectId: project.id, name: `Scenario ${i + 1} (${wizard})`, wizard, inputs: req, results: plan })) as { id: string };
      ids.push(s.id);
    }
    // The first report of a process is measured in fresh processes by cold-report.bench.ts.
    let pdfBytes = 0;
    const pdfMs = await timeMedianAsync(async () => {
      const r = (await call('reports.pdf', { scenarioIds: ids, paper: 'a4' })) as { sizeBytes: number };
      pdfBytes = r.sizeBytes;
    }, 5, 1);
    results.push({ name: 'PDF comparison report of 6 scenarios (reports.pdf)', ms: pdfMs, targetMs: 2000, note: `${Math.round(pdfBytes / 1024)} KiB` });
    const csvMs = await timeMedianAsync(async () => {
      await call('reports.csv', { kind: 'comparison', ids });
    }, 9, 2);
    results.push({ name: 'CSV of the 6-scenario comparison table (reports.csv)', ms: csvMs });
    const cmpMs = await timeMedianAsync(async () => {
      await call('scenarios.compare', { ids });
    }, 9, 2);
    results.push({ name: 'comparison model of 6 scenarios (scenarios.compare)', ms: cmpMs });
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
};

export default suite;
