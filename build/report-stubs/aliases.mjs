/**
 * Modules that pdfkit and fontkit import at load time for features the reports never use, and
 * the stand-ins the bundles use instead (a cold report's module load, issue 12). Shared by the
 * CLI/browser-mode bundle (build/bundle-cli.mjs) and the Electron build (electron.vite.config.ts),
 * both of which therefore bundle pdfkit rather than leave it to node_modules.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Import specifier → absolute path of its stand-in. */
export const REPORT_STUB_ALIASES = {
  'brotli/decompress.js': join(here, 'brotli-decompress.mjs'),
  '@noble/ciphers/aes': join(here, 'noble-ciphers-aes.mjs'),
  'tiny-inflate': join(here, 'tiny-inflate.cjs'),
};
