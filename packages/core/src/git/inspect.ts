import { realpath, stat } from 'node:fs/promises';
import { simpleGit } from 'simple-git';

export interface RepoInspection {
  isRepo: boolean;
  root: string | null;
  originUrl: string | null;
  currentBranch: string | null;
}

/** Find the work tree containing `dir` and read its origin. Never throws for "not a repo". */
export async function inspectRepo(dir: string): Promise<RepoInspection> {
  const git = simpleGit({ baseDir: dir, timeout: { block: 10_000 } });
  let root: string;
  try {
    root = (await git.revparse(['--show-toplevel'])).trim();
  } catch {
    return { isRepo: false, root: null, originUrl: null, currentBranch: null };
  }
  const canonicalRoot = await realpath(root);
  const inRoot = simpleGit({ baseDir: canonicalRoot, timeout: { block: 10_000 } });
  const originUrl = await inRoot
    .remote(['get-url', 'origin'])
    .then((out) => (typeof out === 'string' && out.trim() ? out.trim() : null))
    .catch(() => null);
  const currentBranch = await inRoot
    .revparse(['--abbrev-ref', 'HEAD'])
    .then((b) => b.trim())
    .catch(() => null);
  return { isRepo: true, root: canonicalRoot, originUrl, currentBranch };
}

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path)
    .then((s) => s.isDirectory())
    .catch(() => false);
}
