/**
 * Every "How was this computed?" panel on the pages is named with a verb that agrees with its
 * subject: the subjects and their plural flags are read from the pages' sources, and the names
 * they make are checked against the sentences written out by hand below.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { howComputedName } from '../../../src-renderer/components/how-computed';

const root = join(__dirname, '../../../src-renderer');
const vueFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? vueFiles(join(dir, d.name)) : d.name.endsWith('.vue') ? [join(dir, d.name)] : []));

/** Each panel's subject as written in the source (a template literal kept as it is) and whether it says `plural`. */
function panels(): Array<{ subject: string; plural: boolean }> {
  return vueFiles(root).flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/<HowComputed\b(.*?)\/>/gs)].map((m) => {
      const attrs = m[1]!;
      const subject = /\s:?subject="`?([^"`]*)`?"/.exec(attrs)?.[1] ?? '';
      return { subject, plural: /\splural(\s|$)/.test(attrs) };
    }),
  );
}

const EXPECTED = new Set([
  'How the compared scenarios’ figures were computed',
  'How the savings against dense were computed',
  'How the dense optimum was computed',
  'How memory, time and cost of the recommended design were computed',
  'How memory, time and cost of ${known.data.value.model.name} were computed',
  'How the fit’s coefficients, intervals and quality were computed',
  'How this set’s fitted coefficients were computed',
  'How the uncertainty band was computed',
  'How the other candidates were computed',
  'How the exact and buildable shapes were computed',
  'How the next-run proposal was computed',
  'How the optimal-E table was computed',
  'How the rule of thumb was computed',
  'How the dense optimum, ${c.set.name} was computed',
  'How the dense-vs-MoE allocation was computed',
  'How the recommended design was computed',
  'How efficiency leverage was computed',
  'How the allocation and hyper-parameters were computed',
  'How the leverage contours were computed',
  'How the answer’s loss and FLOPs were computed',
  'How the answer’s loss was computed',
  'How the cheapest design per law was computed',
  'How the best E as inference grows was computed',
  'How the optimal architecture was computed',
  'How the checked design’s loss was computed',
]);

describe('the name of a “How was this computed?” panel', () => {
  it('agrees in number with its subject on every page', () => {
    const found = panels();
    expect(found.length).toBeGreaterThanOrEqual(25);
    expect(found.filter((p) => !p.subject)).toEqual([]);
    const names = new Set(found.map((p) => howComputedName(p.subject, p.plural)));
    expect([...names].sort()).toEqual([...EXPECTED].sort());
  });

  it('without a subject says "this"', () => {
    expect(howComputedName(undefined)).toBe('How this was computed');
  });
});
