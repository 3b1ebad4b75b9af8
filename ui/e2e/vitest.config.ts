import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser tests: run by the api module's BrowserEndToEndTest against a live server, never by
// `npm test`. One file at a time, since they share one server and the machine's few cores.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // A page can take seconds to show on a busy two-core machine; polls wait for it.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    reporters: ['default', ['junit', { outputFile: 'target/e2e-reports/junit.xml' }]],
  },
});
