/**
 * Issue 8, bundling: the packaged app runs the fit worker from out/main/fit-worker.js, next to
 * the main bundle, where runFit's `new URL('./fit-worker.js', import.meta.url)` looks. The main
 * bundle itself imports electron, so it cannot be loaded here; instead this checks the layout,
 * the lookup rules of workerEntry, and that the built worker really fits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fit, type FitOptions } from '../../../src-main/engine/fit';
import { runFit, workerEntry } from '../../../src-main/services/fit';

const outMain = resolve(__dirname, '../../../out/main');
const built = join(outMain, 'fit-worker.js');

describe('fit worker location', () => {
  const saved = process.env.MOE_FIT_WORKER;
  afterEach(() => {
    if (saved === undefined) delete process.env.MOE_FIT_WORKER;
    else process.env.MOE_FIT_WORKER = saved;
  });

  it('from source, loads worker.ts through tsx in an eval bootstrap', () => {
    delete process.env.MOE_FIT_WORKER;
    const e = workerEntry();
    expect(e.url.pathname.endsWith('/src-main/services/fit/worker.ts')).toBe(true);
    expect(e.eval).toBe(true);
    expect(String(e.script)).toContain('register()');
  });

  it('MOE_FIT_WORKER (a path or a file URL) and an explicit URL take precedence; a .js entry is loaded as is', () => {
    process.env.MOE_FIT_WORKER = '/opt/app/fit-worker.js';
    expect(workerEntry()).toEqual({ url: pathToFileURL('/opt/app/fit-worker.js'), script: pathToFileURL('/opt/app/fit-worker.js'), eval: false });
    process.env.MOE_FIT_WORKER = 'file:///opt/other/fit-worker.js';
    expect(workerEntry().url.href).toBe('file:///opt/other/fit-worker.js');
    const explicit = new URL('file:///somewhere/fit-worker.js');
    expect(workerEntry(explicit)).toEqual({ url: explicit, script: explicit, eval: false });
  });
});

describe.skipIf(!existsSync(built))('the built app (electron-vite build)', () => {
  it('emits fit-worker.js next to the bundle that runs the handlers (the service process) and looks for it there', () => {
    const services = readFileSync(join(outMain, 'service-process.js'), 'utf8');
    expect(services).toContain('new URL("./fit-worker.js", import.meta.url)');
    const worker = readFileSync(built, 'utf8');
    expect(worker).toMatch(/from "node:worker_threads"/);
    expect(worker).not.toMatch(/from "electron"/);
  });

  it('fits with the built worker exactly as the in-thread fit does', async () => {
    const runs = [];
    for (const N of [1e8, 3e8, 1e9, 3e9]) for (const D of [2e9, 6e9, 2e10, 6e10]) runs.push({ nAct: N, tokens: D, loss: 1.7 + 400 / N ** 0.34 + 410 / D ** 0.28 });
    const options: FitOptions = { law: 'chinchilla', runs, grid: { a: [5], b: [5, 10], e: [0, 0.5], alpha: [0.5], beta: [0.5] } };
    const remote = await runFit(options, { workers: 2, workerUrl: pathToFileURL(built) });
    expect(remote.coefficients).toEqual(fit(options).coefficients);
    expect(remote.coefficients.alpha).toBeCloseTo(0.34, 3);
  });
});
