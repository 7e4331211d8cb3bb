import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTempDir } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { pathExists } from '../lib/path-exists.ts';
import { cleanTicketRuntime, restoreWritePermission } from './cleanup.ts';

// workflow.md §10.12 on a real folder: what goes, what stays, and a read-only tool cache that must go too.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('cleanTicketRuntime (§10.12)', () => {
  it('removes locks, sessions, streams, temp files, runtime state and setup roots; keeps docs, reports, logs, manual QA', async () => {
    const tmp = await createTempDir('lt-clean-');
    cleanups.push(tmp.cleanup);
    const files = {
      '.ticket/prd.yaml': 'prd',
      '.ticket/interview.yaml': 'i',
      '.ticket/beads/main/.beads/issues.jsonl': '{}',
      '.ticket/meta/ticket.meta.json': '{}',
      '.ticket/manual-qa/v1/results.yaml': 'r',
      '.ticket/runtime/execution-log.jsonl': 'log',
      '.ticket/runtime/execution-log.debug.jsonl': 'log',
      '.ticket/runtime/state.yaml': 'state',
      '.ticket/runtime/execution-setup/tool-cache/mod/pkg.go': 'go',
      '.ticket/runtime/execution-setup/env.sh': 'env',
      '.ticket/locks/execution.lock': '',
      '.ticket/sessions/ses_1.json': '{}',
      '.ticket/streams/buffer.jsonl': '',
      '.ticket/tmp/x': '',
      '.ticket/prd.yaml.tmp-1234': 'half-written',
      'src/index.js': 'code',
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(tmp.dir, path)), { recursive: true });
      await writeFile(join(tmp.dir, path), content);
    }
    // A read-only cache, as Go leaves its module cache.
    await chmod(join(tmp.dir, '.ticket/runtime/execution-setup/tool-cache/mod/pkg.go'), 0o444);
    await chmod(join(tmp.dir, '.ticket/runtime/execution-setup/tool-cache/mod'), 0o555);

    const report = await cleanTicketRuntime(tmp.dir);
    expect(report.status).toBe('clean');
    expect(report.errors).toEqual([]);
    expect(report.removedDirs.sort()).toEqual(
      ['.ticket/locks', '.ticket/runtime/execution-setup', '.ticket/sessions', '.ticket/streams', '.ticket/tmp'].sort(),
    );
    expect(report.removedFiles.sort()).toEqual(['.ticket/prd.yaml.tmp-1234', '.ticket/runtime/state.yaml']);
    expect(report.preservedPaths.sort()).toEqual(
      [
        '.ticket/beads/main/.beads/issues.jsonl',
        '.ticket/interview.yaml',
        '.ticket/manual-qa/v1/results.yaml',
        '.ticket/meta/ticket.meta.json',
        '.ticket/prd.yaml',
        '.ticket/runtime/execution-log.debug.jsonl',
        '.ticket/runtime/execution-log.jsonl',
      ].sort(),
    );
    expect(await pathExists(join(tmp.dir, '.ticket/runtime/execution-setup'))).toBe(false);
    expect(await pathExists(join(tmp.dir, 'src/index.js'))).toBe(true);
  });

  it('is idempotent and clean on a folder with nothing to remove', async () => {
    const tmp = await createTempDir('lt-clean-');
    cleanups.push(tmp.cleanup);
    expect(await cleanTicketRuntime(tmp.dir)).toEqual({
      status: 'clean',
      removedDirs: [],
      removedFiles: [],
      preservedPaths: [],
      errors: [],
    });
  });

  it('gives the owner write permission back on a read-only cache (root could delete it anyway; users cannot)', async () => {
    const tmp = await createTempDir('lt-clean-');
    cleanups.push(tmp.cleanup);
    const dir = join(tmp.dir, 'cache/mod');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'pkg.go'), 'go');
    await chmod(join(dir, 'pkg.go'), 0o444);
    await chmod(dir, 0o555);
    await restoreWritePermission(join(tmp.dir, 'cache'));
    expect((await stat(dir)).mode & 0o200).toBe(0o200);
    expect((await stat(join(dir, 'pkg.go'))).mode & 0o200).toBe(0o200);
  });
});
