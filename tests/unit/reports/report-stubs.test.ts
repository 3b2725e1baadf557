/**
 * The bundles' stand-in for tiny-inflate (build/report-stubs/tiny-inflate.cjs) inflates with
 * node:zlib instead of JavaScript. It must give the very bytes tiny-inflate gives: for every
 * Unicode table the report code inflates when it loads (fontkit's shaper tables, the Unicode
 * properties', the line breaker's), both inflations unicode-trie runs on it are compared.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
const require = createRequire(import.meta.url);
const tinyInflate = require('tiny-inflate') as Inflate;
const standIn = require('../../../build/report-stubs/tiny-inflate.cjs') as Inflate;

/** Where the bundles take each package from (fontkit's exports hide its package.json from require.resolve). */
const packageDir = (name: string) => join(resolve(import.meta.dirname, '../../..'), 'node_modules', name);

/** The serialized tries: fontkit's .trie files, and the base64 literals in the packages' CommonJS builds. */
function tries(): Array<[string, Uint8Array]> {
  const found: Array<[string, Uint8Array]> = [];
  const shapers = join(packageDir('fontkit'), 'src', 'opentype', 'shapers');
  for (const f of ['data.trie', 'indic.trie', 'use.trie']) found.push([`fontkit ${f}`, new Uint8Array(readFileSync(join(shapers, f)))]);
  for (const [name, file] of [['linebreak', 'dist/main.cjs'], ['unicode-properties', 'dist/main.cjs']] as const) {
    const text = readFileSync(join(packageDir(name), file), 'utf8');
    for (const m of text.matchAll(/"([A-Za-z0-9+/]{2000,}={0,2})"/g)) found.push([`${name} literal`, new Uint8Array(Buffer.from(m[1]!, 'base64'))]);
  }
  return found;
}

/** unicode-trie's two inflations of a serialized trie (header: highStart, errorValue, uncompressed length). */
function inflateTrie(inflate: Inflate, data: Uint8Array): Uint8Array {
  const length = new DataView(data.buffer, data.byteOffset).getUint32(8, true);
  const once = inflate(data.subarray(12), new Uint8Array(length));
  return inflate(once, new Uint8Array(length));
}

describe('tiny-inflate stand-in', () => {
  const all = tries();

  it('finds the tables the report code loads', () => {
    expect(all.filter(([n]) => n.startsWith('fontkit')).length).toBe(3);
    expect(all.filter(([n]) => n.startsWith('linebreak')).length).toBeGreaterThanOrEqual(1);
    expect(all.filter(([n]) => n.startsWith('unicode-properties')).length).toBeGreaterThanOrEqual(1);
  });

  it.each(all.map(([name, data], i) => [`${name} #${i}`, data] as const))('inflates %s as tiny-inflate does', (_name, data) => {
    const expected = inflateTrie(tinyInflate, data);
    const actual = inflateTrie(standIn, data);
    expect(actual.length).toBe(expected.length);
    expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
    // unicode-trie views the result's whole buffer as 32-bit words.
    expect(actual.buffer.byteLength).toBe(expected.buffer.byteLength);
  });

  it('fills the given array when the data fits it exactly, and returns a trimmed copy when shorter', () => {
    const plain = new Uint8Array(5000).map((_, i) => (i * 7919) % 251);
    const packed = new Uint8Array(deflateRawSync(plain));
    const exact = new Uint8Array(plain.length);
    expect(standIn(packed, exact)).toBe(exact);
    expect(Buffer.from(exact).equals(Buffer.from(plain))).toBe(true);
    const roomy = new Uint8Array(plain.length + 100);
    const trimmed = standIn(packed, roomy);
    expect(trimmed.length).toBe(plain.length);
    expect(Buffer.from(trimmed).equals(Buffer.from(tinyInflate(packed, new Uint8Array(plain.length + 100))))).toBe(true);
  });

  it('refuses data longer than the array meant to hold it', () => {
    const packed = new Uint8Array(deflateRawSync(new Uint8Array(100).fill(1)));
    expect(() => standIn(packed, new Uint8Array(50))).toThrow(/100 bytes do not fit the 50/);
  });
});
