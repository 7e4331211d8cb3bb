import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

// Unit and component tests: pure state functions and Solid components in jsdom. The browser tests in test/ run in
// the root config's `web-e2e` project (node environment, real server, headless Chromium).
export default defineConfig({
  plugins: [solid()],
  resolve: { conditions: ['development', 'browser'] },
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['src/testing/setup.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
