import { lstat, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import { pathExists } from '../lib/path-exists.ts';
import { excludeFileOf } from './ignore.ts';
import { type GitPort, TICKET_PATHSPEC, type WorkingTreeStatus } from './port.ts';

// The real git port over simple-git. simple-git resolves a failing command that prints nothing to stderr (as
// `--quiet` does), so the checks below read output instead of relying on exit codes.

const git = (dir: string) => simpleGit({ baseDir: dir, timeout: { block: 60_000 } });

/** Every path but the ticket folder: diffs and status are about the code only. */
const CODE_ONLY = ['--', '.', `:(exclude)${TICKET_PATHSPEC}`];

async function branchExists(repoRoot: string, branch: string): Promise<boolean> {
  const out = await git(repoRoot).raw(['branch', '--list', branch]);
  return out.trim().length > 0;
}

/** `git status --porcelain=v1 -z`: `XY path\0`, renames and copies followed by `orig\0`. */
export function parsePorcelain(out: string): WorkingTreeStatus {
  const status: WorkingTreeStatus = { committable: [], untracked: [] };
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    if (entry.length < 4) continue;
    const code = entry.slice(0, 2);
    const path = entry.slice(3);
    // A staged rename also deletes its original path: a commit limited to the listed paths needs both (a copy
    // leaves its original untouched).
    const original = code[0] === 'R' || code[0] === 'C' ? (entries[++i] ?? '') : '';
    const isTicket = (p: string) => p === TICKET_PATHSPEC || p.startsWith(`${TICKET_PATHSPEC}/`);
    if (isTicket(path)) continue;
    if (code === '??') status.untracked.push(path);
    else if (code !== '!!') status.committable.push(path);
    if (code[0] === 'R' && original && !isTicket(original)) status.committable.push(original);
  }
  return status;
}

export function createSimpleGit(): GitPort {
  const port: GitPort = {
    async currentBranch(dir) {
      const name = await git(dir)
        .raw(['symbolic-ref', '--quiet', '--short', 'HEAD'])
        .then((out) => out.trim())
        .catch(() => '');
      return name || null;
    },

    async hasCommits(dir) {
      const out = await git(dir)
        .raw(['rev-parse', '--verify', '--quiet', 'HEAD'])
        .catch(() => '');
      return out.trim().length > 0;
    },

    async isTracked(dir, path) {
      const out = await git(dir).raw(['ls-files', '--', path]);
      return out.trim().length > 0;
    },

    excludeFile: excludeFileOf,

    async createWorktree(repoRoot, path, branch, baseBranch) {
      if (await pathExists(path)) {
        const list = await git(repoRoot).raw(['worktree', 'list', '--porcelain']);
        if (list.split('\n').some((line) => line === `worktree ${path}`)) return;
        await rm(path, { recursive: true, force: true });
      }
      if (await branchExists(repoRoot, branch)) await git(repoRoot).raw(['worktree', 'add', path, branch]);
      else await git(repoRoot).raw(['worktree', 'add', '-b', branch, path, baseBranch]);
    },

    async removeWorktree(repoRoot, path, branch) {
      await git(repoRoot)
        .raw(['worktree', 'remove', '--force', path])
        .catch(() => undefined);
      await rm(path, { recursive: true, force: true });
      await git(repoRoot)
        .raw(['worktree', 'prune'])
        .catch(() => undefined);
      if (branch && (await branchExists(repoRoot, branch))) await git(repoRoot).raw(['branch', '-D', branch]);
    },

    async releaseLocks(dir) {
      if (!(await pathExists(dir))) return [];
      // Not (or no longer) a git checkout: nothing of ours to unlock.
      const dirs = await git(dir)
        .raw(['rev-parse', '--absolute-git-dir', '--git-common-dir'])
        .catch(() => '');
      const [gitDir, commonDir] = dirs.trim().split('\n');
      if (!gitDir) return [];
      const branch = await port.currentBranch(dir);
      const locks = [
        join(gitDir, 'index.lock'),
        join(gitDir, 'HEAD.lock'),
        join(gitDir, 'ORIG_HEAD.lock'),
        ...(branch && commonDir ? [join(resolve(dir, commonDir), 'refs', 'heads', `${branch}.lock`)] : []),
      ];
      const removed: string[] = [];
      for (const lock of locks) {
        if (!(await pathExists(lock))) continue;
        await rm(lock, { force: true });
        removed.push(lock);
      }
      return removed;
    },

    async head(dir) {
      return (await git(dir).revparse(['HEAD'])).trim();
    },

    async commit(dir, { paths, message, noVerify }) {
      if (paths.length === 0) return null;
      // `git add` refuses a path that is gone from both the worktree and the index (the original of a staged
      // rename); those, and plain deletions, are staged with `rm --cached` instead.
      const present: string[] = [];
      const gone: string[] = [];
      for (const path of paths) {
        const exists = await lstat(join(dir, path)).then(
          () => true,
          () => false,
        );
        (exists ? present : gone).push(path);
      }
      if (present.length) await git(dir).raw(['add', '--all', '--', ...present]);
      if (gone.length) await git(dir).raw(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...gone]);
      const staged = await git(dir).raw(['diff', '--cached', '--name-only', '--', ...paths]);
      if (!staged.trim()) return null;
      await git(dir).raw(['commit', '--message', message, ...(noVerify ? ['--no-verify'] : []), '--', ...paths]);
      return port.head(dir);
    },

    async resetHard(dir, commit, { preserve }) {
      await git(dir).raw(['reset', '--hard', commit]);
      // `-e` adds ignore patterns for this clean only: preserved paths survive, ignored files (installed
      // dependencies) stay as they are because there is no `-x`.
      await git(dir).raw(['clean', '-fd', ...preserve.flatMap((p) => ['-e', p])]);
    },

    async diff(dir, from, to) {
      return git(dir).raw(['diff', '--binary', from, ...(to ? [to] : []), ...CODE_ONLY]);
    },

    async push(dir, { remote = 'origin', source, branch, lease, noVerify }) {
      const force =
        lease === true
          ? [`--force-with-lease=${branch}`]
          : lease
            ? [`--force-with-lease=refs/heads/${branch}:${lease.expect}`]
            : [];
      await git(dir).raw([
        'push',
        ...force,
        ...(noVerify ? ['--no-verify'] : []),
        remote,
        `${source}:refs/heads/${branch}`,
      ]);
    },

    async status(dir) {
      return parsePorcelain(await git(dir).raw(['status', '--porcelain=v1', '-z', '--untracked-files=all']));
    },

    async mergeBase(dir, a, b) {
      const out = await git(dir)
        .raw(['merge-base', a, b])
        .catch(() => '');
      return out.trim() || null;
    },
  };
  return port;
}
