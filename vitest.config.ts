import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // vitest's default is one worker per CPU minus one: a single worker on a 2-core CI runner. The integration files
    // mostly wait on OpenCode and the scripted model, so two workers overlap that wait (packages/api/test: 158 s with
    // one worker, 124 s with two, measured on the shared 2-core machine).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'server',
          include: ['packages/{core,api,cli,testkit,looptroop}/{src,test}/**/*.test.ts', 'bench/**/*.test.ts'],
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
          // One Chromium at a time, beside at most one server file: two browsers and OpenCode starve 2 cores.
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
    ],
  },
});
