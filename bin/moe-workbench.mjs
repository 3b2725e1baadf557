#!/usr/bin/env node
// Runs the bundled CLI (out/cli/, built by `npm install`'s prepare step or `npm run build`).
try {
  await import('../out/cli/moe-workbench.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('out/cli/moe-workbench.js')) throw err;
  process.stderr.write('moe-workbench is not built yet: run "npm run build:cli" (or "npm install") in the project folder.\n');
  process.exitCode = 1;
}
