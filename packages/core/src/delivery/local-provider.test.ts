import { execFileSync } from 'node:child_process';
import { commitOnBranch, createTempRepo, type TempRepo } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import { createLocalProvider } from './local-provider.ts';
import type { DeliveryTarget } from './provider.ts';

// A project without a remote (spec README: "any git remote, or none"): a real repository in a temp dir.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(): Promise<{ repo: TempRepo; target: DeliveryTarget }> {
  const repo = await createTempRepo({ withOrigin: false });
  cleanups.push(repo.cleanup);
  const candidateSha = await commitOnBranch(repo, 'AUTH-1', { 'feature.js': 'export const feature = 1;\n' });
  repo.git('checkout', '-q', 'AUTH-1');
  return { repo, target: { repoDir: repo.dir, headBranch: 'AUTH-1', baseBranch: 'main', candidateSha } };
}

const provider = (repo: TempRepo) => createLocalProvider({ repoRoot: repo.dir, clock: systemClock });

describe('local delivery (no remote)', () => {
  it('fast-forwards main when no working tree has it checked out', async () => {
    const { repo, target } = await setup();
    const result = await provider(repo).merge(target);
    expect(result).toMatchObject({ method: 'fast_forward', verified: true, manualCommand: null });
    expect(repo.git('rev-parse', 'main').trim()).toBe(target.candidateSha);
    expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('AUTH-1');
  });

  it('makes a merge commit when main moved on, without touching any checkout', async () => {
    const { repo, target } = await setup();
    repo.git('checkout', '-q', 'main');
    repo.git('commit', '-q', '--allow-empty', '-m', 'main moved');
    const moved = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', 'AUTH-1');
    const result = await provider(repo).merge(target);
    expect(result.method).toBe('merge_commit');
    const parents = repo.git('rev-list', '--parents', '-n', '1', 'main').trim().split(' ').slice(1);
    expect(parents).toEqual([moved, target.candidateSha]);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length).toBe(1);
  });

  it('leaves a checked-out main alone and hands over the exact command, which merges when run', async () => {
    const { repo, target } = await setup();
    repo.git('checkout', '-q', 'main');
    const before = repo.git('rev-parse', 'main').trim();
    const result = await provider(repo).merge(target);
    expect(result).toMatchObject({ method: 'manual', verified: false });
    expect(result.manualCommand).toBe(`git -C ${repo.dir} merge --ff-only AUTH-1`);
    expect(repo.git('rev-parse', 'main').trim()).toBe(before);
    expect((await provider(repo).verify(target)).contains).toBe(false);

    execFileSync('sh', ['-c', result.manualCommand ?? 'false'], { stdio: 'pipe' });
    expect((await provider(repo).verify(target)).contains).toBe(true);
    expect((await provider(repo).merge(target)).alreadyMerged).toBe(true);
  });

  it('offers Merge only while no working tree has main checked out, else names the command; merged by hand it is offered again', async () => {
    const { repo, target } = await setup();
    expect(await provider(repo).mergeAvailability?.(target)).toEqual({
      available: true,
      reason: null,
      manualCommand: null,
    });
    repo.git('checkout', '-q', 'main');
    const refused = await provider(repo).mergeAvailability?.(target);
    expect(refused).toMatchObject({
      available: false,
      reason: expect.stringContaining('main is checked out'),
      manualCommand: `git -C ${repo.dir} merge --ff-only AUTH-1`,
    });
    execFileSync('sh', ['-c', refused?.manualCommand ?? 'false'], { stdio: 'pipe' });
    expect((await provider(repo).mergeAvailability?.(target))?.available).toBe(true);
  });
});
