import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const renderer = resolve(__dirname, '../../../src-renderer');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|vue)$/.test(f) ? [p] : [];
  });
}

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);

describe('renderer imports', () => {
  const files = sources(renderer);

  it('imports ECharts part by part, never the whole bundle', () => {
    for (const f of files) for (const i of imports(f)) expect(i, `${f} imports ${i}`).not.toBe('echarts');
    const echartsUse = files.flatMap(imports).filter((i) => i.startsWith('echarts/'));
    expect(echartsUse).toContain('echarts/core');
  });

  it('loads nothing from outside the app (no remote URLs in sources)', () => {
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
