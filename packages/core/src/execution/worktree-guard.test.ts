import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo, type TempRepo } from '@looptroop/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChildProcessRunner } from '../commands/child-process.ts';
import { pathExists } from '../lib/path-exists.ts';
import { fromLegacy } from './command-spec.ts';
import { runProbe } from './probe-runner.ts';
import { guardWorktree } from './worktree-guard.ts';

// workflow.md §10.5 step 5 / §10.13 on a real git repository (with a bare origin) and the real command runner: a
// check's changes are found and undone, and only those — what the setup itself left stays as it was.

const sh = (script: string) => fromLegacy(script, 'posix').spec;

describe('worktree guard around LoopTroop’s own checks', () => {
  let repo: TempRepo;
  const runner = createChildProcessRunner({ env: { PATH: process.env.PATH } });
  beforeEach(async () => {
    repo = await createTempRepo();
    await writeFile(join(repo.dir, '.git', 'info', 'exclude'), '/.ticket/\n');
    await mkdir(join(repo.dir, '.ticket', 'runtime'), { recursive: true });
  });
  afterEach(() => repo.cleanup());

  const probe = (script: string) =>
    guardWorktree(repo.dir, () =>
      runProbe(
        runner,
        { id: 'p', kind: 'workspace', command: sh(script) },
        { root: repo.dir, env: {}, timeoutMs: 10_000, signal: new AbortController().signal },
      ),
    );
  const read = (path: string) => readFile(join(repo.dir, path), 'utf8');
  const status = () => repo.git('status', '--porcelain', '--untracked-files=all');

  it('finds nothing for a read-only check', async () => {
    const run = await probe('cat README.md > /dev/null && ls src');
    expect(run).toMatchObject({ changed: [], unrestorable: [], value: { exitCode: 0 } });
    expect(status()).toBe('');
  });

  it('undoes edits, deletions, staged changes and new files, naming each', async () => {
    const run = await probe(
      'echo formatted >> src/index.js && rm README.md && echo gen > out.txt && mkdir -p build && echo x > build/a.js && echo y > staged.txt && git add staged.txt',
    );
    expect(run.changed).toEqual(['README.md', 'build/a.js', 'out.txt', 'src/index.js', 'staged.txt']);
    expect(run.unrestorable).toEqual([]);
    expect(status()).toBe('');
    expect(await read('README.md')).toBe('# sample\n');
    expect(await read('src/index.js')).toBe('export const hello = () => "hello";\n');
  });

  it('keeps what the setup left and undoes only what the check changed on top of it', async () => {
    await writeFile(join(repo.dir, 'src', 'index.js'), 'setup edit\n');
    await writeFile(join(repo.dir, 'notes.txt'), 'left by setup\n');
    await writeFile(join(repo.dir, '.ticket-free.txt'), 'untouched\n');
    const before = status();
    const run = await probe(
      'echo check >> src/index.js && echo check >> notes.txt && echo cache > .ticket/runtime/tool-cache.txt',
    );
    expect(run.changed).toEqual(['notes.txt', 'src/index.js']);
    expect(status()).toBe(before);
    expect(await read('src/index.js')).toBe('setup edit\n');
    expect(await read('notes.txt')).toBe('left by setup\n');
    expect(await pathExists(join(repo.dir, '.ticket-free.txt'))).toBe(true);
    // LoopTroop's own folder is not the worktree's business: a check may fill the tool cache.
    expect(await read('.ticket/runtime/tool-cache.txt')).toBe('cache\n');
  });
});
