import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOpencodeBinary } from './server.ts';

describe('findOpencodeBinary', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-find-opencode-'));
    await mkdir(join(dir, 'empty'));
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'opencode'), '#!/bin/sh\n');
    await chmod(join(dir, 'bin', 'opencode'), 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const path = () => [join(dir, 'empty'), join(dir, 'bin')].join(delimiter);

  it('prefers the pinned opencode-ai binary, the version LoopTroop is tested against', () => {
    expect(findOpencodeBinary(path(), () => '/pinned/opencode.exe')).toBe('/pinned/opencode.exe');
    expect(findOpencodeBinary('')).toMatch(/opencode-ai.*opencode\.exe$/);
  });

  it('falls back to the first `opencode` on PATH when npm left the optional package out', () => {
    expect(findOpencodeBinary(path(), () => null)).toBe(join(dir, 'bin', 'opencode'));
    expect(findOpencodeBinary(join(dir, 'empty'), () => null)).toBeNull();
  });
});
