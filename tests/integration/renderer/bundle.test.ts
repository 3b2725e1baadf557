/**
 * The renderer ships no zod (issue 16): it imports the contract's zod-free run-time face
 * (channel names, the typed error, enums) and only types from the rest. Built here with the
 * renderer's own Vite settings into memory, so the check is of the real bundle and never of a
 * stale out/ directory; the same detector must find zod in a bundle that does import a schema.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type Rollup } from 'vite';
import vue from '@vitejs/plugin-vue';

const repo = resolve(__dirname, '../../..');
/** Zod 4's internals: every schema carries `_zod`, and its classes are named $ZodType / ZodError. */
const ZOD = /\b_zod\b|\$ZodType|\bZodError\b/;

async function bundle(root: string, input: string): Promise<Map<string, string>> {
  const out = await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'silent',
    plugins: [vue()],
    build: { write: false, minify: true, reportCompressedSize: false, rollupOptions: { input } },
  });
  const chunks = new Map<string, string>();
  for (const o of (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[]) {
    for (const item of o.output) if (item.type === 'chunk') chunks.set(item.fileName, item.code);
  }
  return chunks;
}

const tmp = mkdtempSync(join(tmpdir(), 'moe-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('renderer bundle', () => {
  it('the detector finds zod in a bundle that imports a contract schema', async () => {
    const entry = join(tmp, 'uses-schema.ts');
    const define = join(repo, 'src-main/ipc/contract/define.ts').replaceAll('\\', '/');
    writeFileSync(entry, `import { contractErrorSchema } from '${define}';\nconsole.log(contractErrorSchema.safeParse(globalThis).success);\n`);
    const chunks = await bundle(tmp, entry);
    expect([...chunks.values()].some((code) => ZOD.test(code))).toBe(true);
  }, 240_000);

  it('contains no zod, though it uses the contract (names, the typed error, enums)', async () => {
    const chunks = await bundle(join(repo, 'src-renderer'), join(repo, 'src-renderer/index.html'));
    expect(chunks.size).toBeGreaterThan(1);
    const all = [...chunks.values()].join('\n');
    // The run-time face is really there: a channel name, the error class's name and an enum value.
    expect(all).toContain('scenarios.compare');
    expect(all).toContain('ContractError');
    expect(all).toContain('activatedExperts');
    for (const [name, code] of chunks) expect(ZOD.exec(code)?.[0], `${name} bundles zod`).toBeUndefined();
  }, 240_000);
});
