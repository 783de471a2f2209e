import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1366, height: 800 },
    locale: 'zh-CN',
    launchOptions: {
      // `npm test` names the Chromium it found (scripts/find-chromium.mjs); alone, Debian's, else Playwright's own.
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // A synthetic camera for the evidence-photo dialog; the permission prompt answered yes.
        '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    },
  },
});
