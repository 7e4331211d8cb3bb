import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const PackageJsonSchema = z.looseObject({
  version: z.string(),
  bin: z.union([z.string(), z.record(z.string(), z.string())]),
});

export interface OpencodeBinary {
  path: string;
  version: string;
}

/**
 * The real `opencode` binary of the pinned `opencode-ai` dependency (its postinstall puts the platform build at
 * `bin/opencode.exe`), resolved from this package so no PATH lookup can pick another version.
 */
export function findOpencodeBinary(): OpencodeBinary {
  const manifest = createRequire(import.meta.url).resolve('opencode-ai/package.json');
  const pkg = PackageJsonSchema.parse(JSON.parse(readFileSync(manifest, 'utf8')));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.opencode;
  const path = bin ? join(dirname(manifest), bin) : null;
  if (!path || !existsSync(path)) {
    throw new Error(`opencode-ai ${pkg.version} has no binary at ${path}: did its postinstall run (pnpm allowBuilds)?`);
  }
  return { path, version: pkg.version };
}
