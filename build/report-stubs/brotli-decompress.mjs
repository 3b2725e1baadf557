/**
 * Stands in for `brotli/decompress.js` in the bundles (build/bundle-cli.mjs, electron.vite.config.ts).
 * fontkit imports it at load time only to read WOFF2 fonts; the reports embed TrueType files, and
 * evaluating the real module (a 750 kB dictionary literal) cost some 170 ms of CPU on every
 * process's first report. Reached only if a WOFF2 font were ever opened, which it then refuses.
 */
export default function decompress() {
  throw new Error('WOFF2 fonts are not supported in reports (brotli is left out of the bundle)');
}
