import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^\.\.\/structured\/index\.ts$/,
        replacement: fileURLToPath(new URL('./tmp-structured-stub.ts', import.meta.url)),
      },
    ],
  },
  test: { include: ['packages/core/src/council/**/*.test.ts'], root: '/work/main' },
});
