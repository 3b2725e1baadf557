/**
 * Stands in for `tiny-inflate` in the bundles (build/bundle-cli.mjs, electron.vite.config.ts),
 * with the same contract: inflate the raw DEFLATE `source` into `dest` and return `dest`, or a
 * copy of its filled part when the data is shorter. unicode-trie inflates fontkit's, the Unicode
 * properties' and the line breaker's tables twice each when the report code loads (some 60–80 ms
 * of a first report in JavaScript); node:zlib does it natively in a few milliseconds, byte for
 * byte the same (tests/unit/reports/report-stubs.test.ts compares both on every table).
 */
'use strict';
const { inflateRawSync } = require('node:zlib');

module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  if (out.length > dest.length) throw new Error(`inflate: ${out.length} bytes do not fit the ${dest.length} expected`);
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};
