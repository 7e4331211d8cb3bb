import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../src/context.ts';
import { appRouter } from '../src/routers/root.ts';
import { git, startDeliveryCore, ticketIn } from './delivery-core.ts';

// workflow.md §10.12 project action "delete worktrees", end to end through the procedure the route and the web call:
// the worktrees of COMPLETED and CANCELED tickets go (a read-only cache inside made writable first), a working
// ticket's worktree stays, and every branch stays.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('POST /projects/{id}/delete-worktrees', () => {
  it('removes the finished tickets’ worktrees only, read-only caches included; branches stay', async () => {
    const repo = await createTempRepo();
    cleanups.push(repo.cleanup);
    const core = await startDeliveryCore(cleanups);
    const done = await ticketIn(core, repo, 'COMPLETED', 'CLEANING_ENV');
    const canceled = await ticketIn(core, repo, 'CANCELED', 'CODING', { projectId: done.projectId });
    const working = await ticketIn(core, repo, 'CODING', 'PREPARING_EXECUTION_ENV', { projectId: done.projectId });
    const cache = join(done.worktree, '.ticket', 'runtime', 'execution-setup', 'tool-cache', 'mod');
    await mkdir(cache, { recursive: true });
    await writeFile(join(cache, 'pkg.go'), 'package mod\n');
    await chmod(join(cache, 'pkg.go'), 0o444);
    await chmod(cache, 0o555);

    const caller = appRouter.createCaller(createContext(core));
    const sweep = await caller.projects.deleteWorktrees({ id: done.projectId });

    expect(sweep.removed.map((r) => r.ticketId).sort()).toEqual([canceled.ref, done.ref].sort());
    expect(sweep.failed).toEqual([]);
    expect(existsSync(done.worktree)).toBe(false);
    expect(existsSync(canceled.worktree)).toBe(false);
    expect(existsSync(working.worktree)).toBe(true);
    const listed = git(repo.dir, 'worktree', 'list', '--porcelain');
    expect(listed).not.toContain(done.ref);
    expect(listed).toContain(working.ref);
    for (const ref of [done.ref, canceled.ref, working.ref])
      expect(git(repo.dir, 'branch', '--list', ref)).toContain(ref);

    // Nothing left to delete: a second run removes nothing and fails nothing.
    expect(await caller.projects.deleteWorktrees({ id: done.projectId })).toEqual({ removed: [], failed: [] });
  });
});
