import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { pathExists } from '../lib/path-exists.ts';
import { removeFinishedWorktrees } from './worktree-sweep.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('removeFinishedWorktrees (§10.12 project action)', () => {
  it('removes the worktrees of COMPLETED and CANCELED tickets only, read-only caches included; branches stay', async () => {
    const repo = await createTempRepo();
    cleanups.push(repo.cleanup);
    const wt = (id: string) => join(repo.dir, '.looptroop', 'worktrees', id);
    for (const id of ['APP-1', 'APP-2', 'APP-3']) repo.git('worktree', 'add', '-q', '-b', id, wt(id), 'main');
    const cache = join(wt('APP-1'), '.ticket/runtime/execution-setup/tool-cache/mod');
    await mkdir(cache, { recursive: true });
    await writeFile(join(cache, 'pkg.go'), 'go');
    await chmod(join(cache, 'pkg.go'), 0o444);
    await chmod(cache, 0o555);

    const sweep = await removeFinishedWorktrees(repo.dir, [
      { externalId: 'APP-1', status: 'COMPLETED', worktreePath: wt('APP-1') },
      { externalId: 'APP-2', status: 'CANCELED', worktreePath: wt('APP-2') },
      { externalId: 'APP-3', status: 'CODING', worktreePath: wt('APP-3') },
      { externalId: 'APP-4', status: 'COMPLETED', worktreePath: null },
    ]);
    expect(sweep.removed.map((r) => r.ticketId)).toEqual(['APP-1', 'APP-2']);
    expect(sweep.failed).toEqual([]);
    expect(await pathExists(wt('APP-1'))).toBe(false);
    expect(await pathExists(wt('APP-2'))).toBe(false);
    expect(await pathExists(wt('APP-3'))).toBe(true);
    const listed = repo.git('worktree', 'list', '--porcelain');
    expect(listed).not.toContain('APP-1');
    expect(listed).toContain('APP-3');
    expect(repo.git('branch', '--list', 'APP-1').trim()).toBe('APP-1');
  });
});
