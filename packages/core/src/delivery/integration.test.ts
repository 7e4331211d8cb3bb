import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempDir, createTempRepo } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from './delivery-error.ts';
import { integrateCandidate, preSquashRef } from './integration.ts';

// workflow.md §10.9 on a real repository: a ticket worktree on branch AUTH-1 with bead commits, `.ticket/` notes
// and local-only outputs, squashed into one candidate commit.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function ticketWorktree() {
  const repo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const parent = await createTempDir('lt-wt-');
  cleanups.push(parent.cleanup);
  const wt = join(parent.dir, 'AUTH-1');
  repo.git('worktree', 'add', '-q', '-b', 'AUTH-1', wt, 'main');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: wt, stdio: 'pipe' }).toString().trim();
  const write = async (path: string, content: string) => {
    await mkdir(join(wt, path, '..'), { recursive: true });
    await writeFile(join(wt, path), content);
  };
  await write('.ticket/prd.yaml', 'prd: notes\n');
  await write('.ticket/.gitignore', '*\n');
  const base = git('rev-parse', 'HEAD');
  for (const [i, file] of ['src/a.js', 'src/b.js', 'test/a.test.js'].entries()) {
    await write(file, `export const v${i} = ${i};\n`);
    git('add', file);
    git('commit', '-q', '-m', `bead ${i + 1}`);
  }
  return { repo, wt, git, write, base };
}

const input = (wt: string, candidatePaths: string[] | null) => ({
  worktree: wt,
  baseBranch: 'main',
  candidatePaths,
  message: 'AUTH-1: add a and b',
  externalId: 'AUTH-1',
});

describe('integrateCandidate (§10.9)', () => {
  it('squashes the bead commits into one candidate commit of exactly the candidate paths', async () => {
    const { wt, git, write, base } = await ticketWorktree();
    await write('coverage/out.txt', 'local output\n');
    await write('src/a.js', 'export const v0 = 42;\n'); // an uncommitted edit the final test kept
    // The audit left out a file a bead committed: it must leave the candidate too (and stay on disk).
    const report = await integrateCandidate(input(wt, ['src/a.js', 'src/b.js']));

    expect(report).toMatchObject({ mergeBase: base, squashedCommits: 3, baseBranch: 'main' });
    expect(git('rev-parse', 'HEAD')).toBe(report.candidateSha);
    expect(git('rev-parse', 'HEAD^')).toBe(base);
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual(['src/a.js', 'src/b.js']);
    expect(git('show', 'HEAD:src/a.js')).toBe('export const v0 = 42;');
    const message = git('log', '-1', '--format=%B');
    expect(message).toContain('AUTH-1: add a and b');
    expect(message).toContain(`LoopTroop-Merge-Base: ${base}`);
    expect(message).toContain('LoopTroop-Squashed-Commits: 3');
    expect(report.leftUnstaged).toEqual(['coverage/out.txt', 'test/a.test.js']);
    expect(report.totals).toEqual({ files: 2, additions: 2, deletions: 0 });
    expect(git('status', '--porcelain').split('\n')).toEqual(['?? coverage/', '?? test/']);
  });

  it('after a crash between its reset and its commit, starts again from the bead commits (issue 15)', async () => {
    const { wt, git, base } = await ticketWorktree();
    const beadsHead = git('rev-parse', 'HEAD');
    // What a SIGKILLed squash leaves: the saved head, HEAD on the merge base, the work staged in the index only.
    git('update-ref', preSquashRef('AUTH-1'), beadsHead);
    git('reset', '--soft', base);
    const report = await integrateCandidate(input(wt, null));
    expect(report).toMatchObject({ preSquashHead: beadsHead, mergeBase: base, squashedCommits: 3 });
    expect(git('rev-parse', 'HEAD^')).toBe(base);
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n')).toEqual([
      'src/a.js',
      'src/b.js',
      'test/a.test.js',
    ]);
    expect(git('for-each-ref', 'refs/looptroop/')).toBe('');
    // Run again after its commit (a crash before the report): the candidate is squashed again, nothing undone.
    const again = await integrateCandidate(input(wt, null));
    expect(again).toMatchObject({ preSquashHead: report.candidateSha, mergeBase: base, squashedCommits: 1 });
    expect(git('rev-parse', 'HEAD^')).toBe(base);
  });

  it('takes every changed path when the audit named none, never .ticket/', async () => {
    const { wt, git } = await ticketWorktree();
    const report = await integrateCandidate(input(wt, null));
    expect(report.files.map((f) => f.path)).toEqual(['src/a.js', 'src/b.js', 'test/a.test.js']);
    expect(git('show', '--name-only', '--format=', 'HEAD')).not.toContain('.ticket');
  });

  it('blocks with INTEGRATION_NO_CHANGES when nothing changed, leaving HEAD alone', async () => {
    const { repo } = await ticketWorktree();
    const parent = await createTempDir('lt-wt-');
    cleanups.push(parent.cleanup);
    const empty = join(parent.dir, 'AUTH-2');
    repo.git('worktree', 'add', '-q', '-b', 'AUTH-2', empty, 'main');
    const error = await integrateCandidate({ ...input(empty, null), externalId: 'AUTH-2' }).catch((e: unknown) => e);
    expect((error as DeliveryError).code).toBe('INTEGRATION_NO_CHANGES');
    expect(repo.git('rev-parse', 'AUTH-2').trim()).toBe(repo.git('rev-parse', 'main').trim());
  });

  it('blocks with INTEGRATION_CONFLICT on unmerged paths', async () => {
    const { repo, wt, git, write } = await ticketWorktree();
    repo.git('checkout', '-q', '-b', 'other', 'main');
    await writeFile(join(repo.dir, 'src/a.js'), 'export const other = 1;\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'other');
    await write('src/a.js', 'export const v0 = 0;\n');
    try {
      git('merge', '-q', 'other');
    } catch {
      // the conflict is the point
    }
    const error = await integrateCandidate(input(wt, null)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).code).toBe('INTEGRATION_CONFLICT');
    expect((error as DeliveryError).details).toMatchObject({ paths: ['src/a.js'] });
  });

  it('puts HEAD back on the bead commits when the commit step fails', async () => {
    const { wt, git } = await ticketWorktree();
    const head = git('rev-parse', 'HEAD');
    const error = await integrateCandidate(input(wt, ['src/a.js', 'does/not/exist.js'])).catch((e: unknown) => e);
    expect((error as DeliveryError).code).toBe('GIT_FAILED');
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(git('status', '--porcelain')).toBe('');
  });
});
