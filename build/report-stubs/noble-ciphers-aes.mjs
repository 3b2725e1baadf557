/**
 * Stands in for `@noble/ciphers/aes` in the bundles (build/bundle-cli.mjs, electron.vite.config.ts).
 * pdfkit imports it at load time only to encrypt a PDF with a password; the reports are never
 * encrypted, and loading the real module cost some 80 ms of CPU on every process's first report.
 */
const refuse = () => {
  throw new Error('PDF encryption is not supported in reports (AES is left out of the bundle)');
};
export const cbc = refuse;
export const ecb = refuse;
