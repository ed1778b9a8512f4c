import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (toolchain.md).
const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // A fake camera that needs no permission prompt, for the barcode scanner.
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  ],
};
const baseURL = 'http://127.0.0.1:3210';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL, launchOptions, trace: 'retain-on-failure' },
  projects: [
    { name: 'javascript', use: { ...devices['Desktop Chrome'], launchOptions, javaScriptEnabled: true } },
    { name: 'no-javascript', use: { ...devices['Desktop Chrome'], launchOptions, javaScriptEnabled: false } },
  ],
  webServer: {
    command: 'bash end2end/serve.sh',
    cwd: '..',
    url: `${baseURL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
