import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    // The Maven module packs target/classes into the jar the server serves at "/".
    outDir: 'target/classes/static',
    emptyOutDir: true,
    assetsDir: 'assets',
    rolldownOptions: {
      output: {
        // React in a chunk of its own: it changes less often than the app, so browsers keep it
        // cached across releases, and neither chunk grows past a couple of hundred kilobytes.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/media': { target: server, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: ['e2e/**', 'node_modules/**'],
    reporters: ['default', 'junit'],
    outputFile: { junit: 'target/vitest-reports/junit.xml' },
    restoreMocks: true,
    // Typing through user-event is slow on a busy two-core CI machine; 5 s is not enough there.
    testTimeout: 30_000,
    unstubGlobals: true,
  },
});
