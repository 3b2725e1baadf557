#!/usr/bin/env node
/**
 * Regenerates docs/screenshot.png (the README's picture of the running app) and build/icon.png
 * from the real browser mode in Debian's Chromium. Run after `npm run build`.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const data = mkdtempSync(join(tmpdir(), 'moe-shot-'));
const server = spawn(process.execPath, ['out/cli/web.js', '--data', data], { cwd: root });
let out = '';
const url = await new Promise((ok, fail) => {
  server.stdout.on('data', (d) => {
    out += d;
    const m = /Open: (\S+)/.exec(out);
    if (m) ok(m[1]);
  });
  server.once('exit', (c) => fail(new Error(`server exited ${c}`)));
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.getByRole('textbox', { name: /Expert counts/ }).fill('1, 2, 4, 8, 16, 32');
  await page.getByRole('table', { name: 'Candidates per expert count' }).waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(root, 'docs/screenshot.png') });

  const icon = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await icon.setContent(`<body style="margin:0;background:transparent">
    <svg viewBox="0 0 32 32" width="512" height="512" xmlns="http://www.w3.org/2000/svg">
      <rect x="1" y="1" width="30" height="30" rx="7" fill="#1f5fbf"/>
      <circle cx="10.5" cy="11" r="3.6" fill="#fff"/><circle cx="21.5" cy="11" r="3.6" fill="#fff" opacity="0.55"/>
      <circle cx="10.5" cy="22" r="3.6" fill="#fff" opacity="0.55"/><circle cx="21.5" cy="22" r="3.6" fill="#fff"/>
    </svg></body>`);
  await icon.screenshot({ path: join(root, 'build/icon.png'), omitBackground: true });
} finally {
  await browser.close();
  server.kill();
}
console.log('wrote docs/screenshot.png and build/icon.png');
