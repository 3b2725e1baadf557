import { defineConfig } from '@playwright/test';

// Chromium's headless shell (Debian's chromium-headless-shell), the build Playwright itself runs
// headless: the same Blink and V8 without the desktop browser's layers, about half the CPU per
// test of /usr/bin/chromium on the 2-core CI machine.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium-headless-shell';

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e/web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromium,
          // The machine has no network: keep Chromium from trying to reach Google's services.
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
        screenshot: 'only-on-failure',
        trace: 'off',
      },
    },
    { name: 'electron', testDir: 'tests/e2e/electron' },
  ],
});
