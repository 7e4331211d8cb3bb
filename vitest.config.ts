import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['packages/{core,api,cli,testkit,looptroop}/{src,test}/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      'packages/web/vitest.config.ts',
      {
        // Browser tests drive headless Chromium from Node, without the Solid compiler in the way.
        test: {
          name: 'web-e2e',
          include: ['packages/web/test/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
    ],
  },
});
