/**
 * The built bin, spawned as a user runs it — a bounded handful of processes; everything else
 * runs in-process (run-cli.ts). The bundle is brought up to date first (rebuilt unless its stamp
 * says it was made from the current sources), so the bin runs the current sources. These check what only a real process shows: it starts from out/cli without a
 * TypeScript loader, finds the report fonts and the fit worker from there, and loads pdfkit,
 * ECharts and the worker only for the commands that use them. And the README's pandas recipe,
 * run by one python process against the bin's real sweep and batch output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, cliJson } from './run-cli';
import { openWorkspace } from '../../unit/reports/workspace';

const binDir = mkdtempSync(join(tmpdir(), 'moe-bin-'));

function bin(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin/moe-workbench.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MOE_WORKBENCH_DATA: binDir, NODE_OPTIONS: '' },
    timeout: 120_000,
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const b = spawnSync(process.execPath, [join(root, 'build/bundle-cli.mjs'), '--if-stale'], { encoding: 'utf8', timeout: 120_000 });
  if (b.status !== 0) throw new Error(`bundling the CLI failed: ${b.stderr}`);
});

describe('the built moe-workbench bin', () => {
  it('is kept, not rebuilt, by a second --if-stale while its sources are unchanged', () => {
    const stamp = join(root, 'out/cli/.bundle-stamp.json');
    const before = readFileSync(stamp, 'utf8');
    const mtime = statSync(stamp).mtimeMs;
    const b = spawnSync(process.execPath, [join(root, 'build/bundle-cli.mjs'), '--if-stale'], { encoding: 'utf8', timeout: 120_000 });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/already bundled from these sources in .*out[\\/]cli/);
    expect(statSync(stamp).mtimeMs).toBe(mtime);
    expect(readFileSync(stamp, 'utf8')).toBe(before);
  });

  it('answers --help from the bundle', () => {
    const r = bin(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: moe-workbench <command>/m);
  });

  it('plans as the in-process CLI does, and refuses a bad flag with exit 2 naming it', async () => {
    const r = bin(['plan', 'compute', '--flops', '1e22', '--experts', '1,8,64', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const fromBin = JSON.parse(r.stdout);
    const inProcess = await cliJson('plan', 'compute', '--flops', '1e22', '--experts', '1,8,64');
    expect(fromBin.candidates.map((c: { experts: number }) => c.experts)).toEqual([1, 8, 64]);
    expect(fromBin).toEqual(inProcess);
    const bad = bin(['plan', 'compute', '--flops', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--flops/);
  });

  it('writes a PDF report: pdfkit, ECharts and the fonts load from the built location', async () => {
    const w = await openWorkspace(binDir, 'Bin');
    const id = (await w.save('Bin plan', 'compute', await w.call('plan.compute', { flops: 2e21 }))).id;
    w.close();
    const pdf = join(binDir, 'bin.pdf');
    const r = bin(['report', '--scenario', id, '--pdf', pdf]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // The renderer's compiled code is kept in the data folder, and the next process reports with it.
    expect(readdirSync(join(binDir, 'code-cache')).filter((f) => f.endsWith('.v8'))).toHaveLength(1);
    const again = bin(['report', '--scenario', id, '--pdf', pdf]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);

  it('fits in worker threads started from the bundle (fit-worker.js next to it)', () => {
    // Exact Chinchilla-form losses L = E + A/N^α + B/D^β with D = F/(6N): a fit recovers them to rounding.
    const [E, A, alpha, B, beta] = [1.8, 480, 0.35, 2000, 0.37];
    const rows = ['Model Size,Training FLOP,loss'];
    for (const n of [5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9]) {
      for (const tpp of [5, 20, 80]) {
        const d = tpp * n;
        rows.push(`${n},${6 * n * d},${(E + A / n ** alpha + B / d ** beta).toPrecision(12)}`);
      }
    }
    const file = join(binDir, 'runs.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const r = bin(['fit', '--law', 'chinchilla', '--runs', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.result.counts.train).toBe(18);
    expect(v.result.rmseTrain).toBeLessThan(1e-3);
    expect(v.result.coefficients.E).toBeCloseTo(E, 1);
  });
});

/**
 * Runs the README's recipe as written, with one change: its `npx moe-workbench …` calls run the
 * same bin directly (npx would only add npm's start-up). Prints what the test checks as JSON, or
 * {"missing": …} when this python has no pandas.
 */
const RECIPE_DRIVER = `
import json, shlex, subprocess, sys
try:
    import pandas
except ImportError as err:
    print(json.dumps({"missing": f"{sys.executable} cannot import pandas ({err})"}))
    sys.exit(0)
node, bin_path = sys.argv[1], sys.argv[2]
real_run = subprocess.run
calls = []
def run(cmd, *args, **kw):
    words = shlex.split(cmd) if isinstance(cmd, str) else list(cmd)
    if words[:2] != ["npx", "moe-workbench"]:
        raise AssertionError(f"the recipe runs something other than moe-workbench: {cmd!r}")
    kw.pop("shell", None)
    calls.append(words[2])
    return real_run([node, bin_path, *words[2:]], *args, **kw)
subprocess.run = run
ns = {}
exec(compile(sys.stdin.read(), "README.md (pandas recipe)", "exec"), ns)
df, best, plans = ns["df"], ns["best"], ns["plans"]
print(json.dumps({
    "calls": calls,
    "columns": list(df.columns),
    "rows": len(df),
    "numeric": [c for c in df.columns if pandas.api.types.is_numeric_dtype(df[c])],
    "bestShape": list(best.shape),
    "plans": len(plans),
    "ids": plans["id"].tolist(),
    "bestExperts": plans["value.best.experts"].tolist(),
}))
`;

/** The one python code block of the README's command-line section, so the test runs what readers copy. */
function readmeRecipe(): string {
  const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks, 'README.md should hold exactly one python block, the pandas recipe').toHaveLength(1);
  return blocks[0]!;
}

describe("the README's pandas recipe", () => {
  it('reads the sweep CSV (5 budgets × 7 E × 3 devices) with units in its header, and 1,000 batch answers', (ctx) => {
    // Debian's python3-pandas installs into /usr/bin/python3, which a pyenv or venv python3 on PATH may hide.
    const python = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
    const r = spawnSync(python, ['-c', RECIPE_DRIVER, process.execPath, join(root, 'bin/moe-workbench.mjs')], {
      cwd: binDir,
      input: readmeRecipe(),
      encoding: 'utf8',
      env: { ...process.env, MOE_WORKBENCH_DATA: binDir, NODE_OPTIONS: '' },
      timeout: 180_000,
      maxBuffer: 64 << 20,
    });
    const missing = r.error ? `${python} did not start (${r.error.message})` : (/^\{"missing": "(.*)"\}$/m.exec(r.stdout ?? '')?.[1] ?? null);
    if (missing) {
      const why = `${missing}: install python3-pandas (apt-get install -y python3-pandas) or set PYTHON`;
      if (process.env.CI) throw new Error(`CI needs python3 with pandas for the README recipe: ${why}`);
      ctx.skip(why);
    }
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { calls: string[]; columns: string[]; rows: number; numeric: string[]; bestShape: number[]; plans: number; ids: number[]; bestExperts: number[] };
    expect(out.calls).toEqual(['sweep', 'batch']);
    // One row per budget, device and expert count; every quantity's unit in its header, its cells raw numbers.
    expect(out.rows).toBe(5 * 7 * 3);
    for (const col of ['flops (FLOPs)', 'experts (experts)', 'loss (nats/token)', 'nAct (parameters)']) {
      expect(out.columns).toContain(col);
      expect(out.numeric).toContain(col);
    }
    expect(out.bestShape).toEqual([5, 3]);
    // The batch answers come back in order, joined on their ids, each naming a best E from the default list.
    expect(out.plans).toBe(1000);
    expect(out.ids).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (const e of out.bestExperts) expect([1, 2, 4, 8, 16, 32, 64]).toContain(e);
  }, 240_000);
});
