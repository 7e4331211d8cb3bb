import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsdown';

const packages = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const dist = (path: string) => fileURLToPath(new URL(`./dist/${path}`, import.meta.url));

/** What core reads beside its modules at run time (prompts, examples, migrations), never its tests or test corpus. */
function isRuntimeAsset(source: string): boolean {
  if (source.includes('/structured/corpus')) return false;
  return !/\.tsx?$/.test(source);
}

/**
 * The published package: the CLI entry with core, api and cli inlined module by module (dist/<package>/src/… mirrors
 * the workspace, so `new URL('./draft.md', import.meta.url)` and api's `../../web/dist` keep working), npm
 * dependencies left as imports. trpc-to-openapi is not a dependency: it is inlined into dist/vendor because the
 * workspace patches it (patches/), and npm would install the unpatched one.
 */
export default defineConfig({
  entry: ['../cli/src/main.ts'],
  unbundle: true,
  root: '..',
  outDir: 'dist',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: false,
  deps: { onlyBundle: ['trpc-to-openapi'] },
  outputOptions: {
    entryFileNames: (chunk) => `${chunk.name.replace(/^.*node_modules\/(?!\.pnpm)/, 'vendor/')}.js`,
  },
  onSuccess: () => {
    cpSync(packages('core/src'), dist('core/src'), { recursive: true, filter: isRuntimeAsset });
    if (!existsSync(packages('web/dist/index.html'))) {
      throw new Error('packages/web/dist is missing: run `pnpm --filter @looptroop/web build` first');
    }
    cpSync(packages('web/dist'), dist('web/dist'), { recursive: true });
  },
});
