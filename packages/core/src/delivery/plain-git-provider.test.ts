import { execFileSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commitOnBranch, createTempDir, createTempRepo, type TempRepo } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import { DeliveryError } from './delivery-error.ts';
import { createPlainGitProvider } from './plain-git-provider.ts';
import type { DeliveryTarget } from './provider.ts';

// workflow.md §10.10–§10.11 for a remote that is not GitHub: real git repos in temp dirs, a local bare repo as
// `origin`, and "someone else" pushing from a second clone. Nothing is faked.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const run = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' }).toString().trim();

async function repoWithCandidate(
  file = 'src/feature.js',
): Promise<{ repo: TempRepo; origin: string; target: DeliveryTarget }> {
  const repo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const origin = repo.originDir ?? '';
  const candidateSha = await commitOnBranch(
    repo,
    'AUTH-1',
    { [file]: 'export const feature = 1;\n' },
    'AUTH-1: add the feature',
  );
  return { repo, origin, target: { repoDir: repo.dir, headBranch: 'AUTH-1', baseBranch: 'main', candidateSha } };
}

/** Another developer clones origin, commits `file` on main and pushes. */
async function someoneElsePushes(origin: string, file: string, content = 'theirs\n'): Promise<string> {
  const clone = await createTempDir('lt-other-');
  cleanups.push(clone.cleanup);
  run(clone.dir, 'clone', '-q', origin, 'work');
  const work = join(clone.dir, 'work');
  run(work, 'config', 'user.name', 'Other');
  run(work, 'config', 'user.email', 'other@example.com');
  await writeFile(join(work, file), content);
  run(work, 'add', '.');
  run(work, 'commit', '-q', '-m', `other: ${file}`);
  run(work, 'push', '-q', 'origin', 'HEAD:main');
  return run(work, 'rev-parse', 'HEAD');
}

const provider = () => createPlainGitProvider({ remote: 'origin', remoteUrl: null, clock: systemClock });
const originSha = (origin: string, ref: string) => run(origin, 'rev-parse', ref);
const worktreeCount = (repo: TempRepo) =>
  repo
    .git('worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree ')).length;

describe('plain-git delivery: publish', () => {
  it('pushes the candidate to the remote branch <externalId> and returns an open review record', async () => {
    const { repo, origin, target } = await repoWithCandidate();
    const record = await provider().publish(target, { title: 'Add the feature', body: 'Body' });
    expect(originSha(origin, 'refs/heads/AUTH-1')).toBe(target.candidateSha);
    expect(record).toMatchObject({
      provider: 'git',
      state: 'open',
      headSha: target.candidateSha,
      title: 'Add the feature',
    });
    // Publishing the same candidate again (Retry after a later failure) is harmless.
    await provider().publish(target, { title: 'Add the feature', body: 'Body' });
    expect(originSha(origin, 'refs/heads/AUTH-1')).toBe(target.candidateSha);
    expect(repo.git('status', '--porcelain').trim()).toBe('');
  });

  it('refuses to overwrite a ticket branch someone else pushed to (lease), and Retry with refetch pushes', async () => {
    const { origin, target } = await repoWithCandidate();
    await provider().publish(target, { title: 't', body: 'b' });
    const clone = await createTempDir('lt-other-');
    cleanups.push(clone.cleanup);
    run(clone.dir, 'clone', '-q', '-b', 'AUTH-1', origin, 'work');
    const work = join(clone.dir, 'work');
    run(work, '-c', 'user.name=O', '-c', 'user.email=o@e', 'commit', '-q', '--allow-empty', '-m', 'theirs');
    run(work, 'push', '-q', 'origin', 'AUTH-1');
    const theirs = run(work, 'rev-parse', 'HEAD');

    const error = await provider()
      .publish(target, { title: 't', body: 'b' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).code).toBe('REMOTE_MOVED');
    expect(originSha(origin, 'refs/heads/AUTH-1')).toBe(theirs);

    await provider().publish(target, { title: 't', body: 'b' }, { refetch: true });
    expect(originSha(origin, 'refs/heads/AUTH-1')).toBe(target.candidateSha);
  });
});

describe('plain-git delivery: merge', () => {
  it('fast-forwards the remote base to the candidate and verifies it, leaving the user checkout untouched', async () => {
    const { repo, origin, target } = await repoWithCandidate();
    const localMain = repo.git('rev-parse', 'main').trim();
    await provider().publish(target, { title: 't', body: 'b' });
    expect((await provider().verify(target)).contains).toBe(false);

    const result = await provider().merge(target);
    expect(result).toMatchObject({
      method: 'fast_forward',
      verified: true,
      alreadyMerged: false,
      baseSha: target.candidateSha,
    });
    expect(originSha(origin, 'refs/heads/main')).toBe(target.candidateSha);
    expect(repo.git('rev-parse', 'main').trim()).toBe(localMain);
    expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect((await provider().verify(target)).contains).toBe(true);
  });

  it('makes a merge commit in a temporary worktree when the remote base moved on, and pushes it', async () => {
    const { repo, origin, target } = await repoWithCandidate();
    const theirs = await someoneElsePushes(origin, 'other.txt');
    const result = await provider().merge(target);
    expect(result.method).toBe('merge_commit');
    const merged = originSha(origin, 'refs/heads/main');
    expect(merged).toBe(result.baseSha);
    expect(run(origin, 'rev-list', '--parents', '-n', '1', merged).split(' ').slice(1)).toEqual([
      theirs,
      target.candidateSha,
    ]);
    expect(run(origin, 'log', '-1', '--format=%s', merged)).toBe("Merge branch 'AUTH-1' into main (LoopTroop)");
    expect(worktreeCount(repo)).toBe(1);
    expect(repo.git('status', '--porcelain').trim()).toBe('');
  });

  it('reports a conflict as MERGE_CONFLICT and pushes nothing', async () => {
    const { repo, origin, target } = await repoWithCandidate('src/index.js');
    const theirs = await someoneElsePushes(origin, 'src/index.js', 'export const hello = () => "bye";\n');
    const error = await provider()
      .merge(target)
      .catch((e: unknown) => e);
    expect((error as DeliveryError).code).toBe('MERGE_CONFLICT');
    expect((error as DeliveryError).details).toMatchObject({ files: ['src/index.js'] });
    expect(originSha(origin, 'refs/heads/main')).toBe(theirs);
    expect(worktreeCount(repo)).toBe(1);
  });

  it('turns a base that moved during the push into REMOTE_MOVED; a retry re-fetches and merges', async () => {
    const { origin, target } = await repoWithCandidate();
    const before = originSha(origin, 'refs/heads/main');
    // The remote moves main once, between our fetch and our push: exactly the race the lease guards against.
    const hook = join(origin, 'hooks', 'pre-receive');
    await writeFile(
      hook,
      [
        '#!/bin/sh',
        'cat >/dev/null',
        '[ -f "$GIT_DIR/moved-once" ] && exit 0',
        'touch "$GIT_DIR/moved-once"',
        'unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES',
        'export GIT_AUTHOR_NAME=o GIT_AUTHOR_EMAIL=o@e GIT_COMMITTER_NAME=o GIT_COMMITTER_EMAIL=o@e',
        'c=$(echo "someone else" | git commit-tree "refs/heads/main^{tree}" -p refs/heads/main)',
        'git update-ref refs/heads/main "$c"',
        '',
      ].join('\n'),
    );
    await chmod(hook, 0o755);

    const error = await provider()
      .merge(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).code).toBe('REMOTE_MOVED');
    const theirs = originSha(origin, 'refs/heads/main');
    expect(theirs).not.toBe(before);
    expect(run(origin, 'rev-parse', `${theirs}^`)).toBe(before); // only their commit landed, not ours

    const retried = await provider().merge(target);
    expect(retried).toMatchObject({ method: 'merge_commit', verified: true });
    const after = originSha(origin, 'refs/heads/main');
    expect(run(origin, 'rev-list', '--parents', '-n', '1', after).split(' ').slice(1)).toEqual([
      theirs,
      target.candidateSha,
    ]);
  });

  it('picks up a merge done by hand: read says merged and merge makes no second push', async () => {
    const { origin, target } = await repoWithCandidate();
    await provider().publish(target, { title: 't', body: 'b' });
    run(target.repoDir, 'push', '-q', 'origin', `${target.candidateSha}:refs/heads/main`);
    expect((await provider().read(target))?.state).toBe('merged');
    const result = await provider().merge(target);
    expect(result).toMatchObject({ alreadyMerged: true, method: 'none', verified: true });
    expect(originSha(origin, 'refs/heads/main')).toBe(target.candidateSha);
  });

  it('read is null before anything was published', async () => {
    const { target } = await repoWithCandidate();
    expect(await provider().read(target)).toBeNull();
  });
});
