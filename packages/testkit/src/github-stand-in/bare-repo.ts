import { execFileSync } from 'node:child_process';

// The stand-in keeps GitHub's "repository" in a real bare git repo (the test's origin): branches, compare and
// merges are answered by git, so a verification against the stand-in proves what a verification against GitHub would.

const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith('GIT_')));

export interface BareRepo {
  dir: string;
  /** The commit `branch` points at, or null. */
  branchSha(branch: string): string | null;
  /** ahead/behind of `head` against `base`, as GitHub's compare answers. */
  compare(
    base: string,
    head: string,
  ): {
    status: 'ahead' | 'behind' | 'identical' | 'diverged';
    aheadBy: number;
    behindBy: number;
    mergeBase: string | null;
  };
  /** Merge `head` into `base` with a merge commit (GitHub's `merge` method); null on a conflict. */
  mergeInto(base: string, headSha: string, message: string): string | null;
  /** Resolve a ref or sha to a commit sha, or null. */
  resolve(ref: string): string | null;
}

export function openBareRepo(dir: string): BareRepo {
  const env = {
    ...cleanEnv(),
    GIT_AUTHOR_NAME: 'GitHub',
    GIT_AUTHOR_EMAIL: 'noreply@github.com',
    GIT_COMMITTER_NAME: 'GitHub',
    GIT_COMMITTER_EMAIL: 'noreply@github.com',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' }).toString().trim();
  const tryGit = (...args: string[]): string | null => {
    try {
      return git(...args);
    } catch {
      return null;
    }
  };
  const resolve = (ref: string) => tryGit('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);

  return {
    dir,
    resolve,
    branchSha: (branch) => resolve(`refs/heads/${branch}`),
    compare(base, head) {
      const baseSha = resolve(base.length === 40 ? base : `refs/heads/${base}`) ?? base;
      const headSha = resolve(head.length === 40 ? head : `refs/heads/${head}`) ?? head;
      const [behind, ahead] = git('rev-list', '--left-right', '--count', `${baseSha}...${headSha}`)
        .split(/\s+/)
        .map(Number);
      const behindBy = behind ?? 0;
      const aheadBy = ahead ?? 0;
      const status =
        aheadBy === 0 && behindBy === 0
          ? 'identical'
          : aheadBy === 0
            ? 'behind'
            : behindBy === 0
              ? 'ahead'
              : 'diverged';
      return { status, aheadBy, behindBy, mergeBase: tryGit('merge-base', baseSha, headSha) };
    },
    mergeInto(base, headSha, message) {
      const baseSha = resolve(`refs/heads/${base}`);
      if (!baseSha) return null;
      const tree = tryGit('merge-tree', '--write-tree', baseSha, headSha);
      if (!tree) return null;
      const commit = git('commit-tree', tree.split('\n')[0] ?? '', '-p', baseSha, '-p', headSha, '-m', message);
      git('update-ref', `refs/heads/${base}`, commit, baseSha);
      return commit;
    },
  };
}
