import { createHash } from 'node:crypto';
import { lstat, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';

// workflow.md §10.5 step 5 and §10.13: LoopTroop's own checks (setup probes, hook validations) must leave the worktree
// as they found it. A guard takes a fingerprint of every path `git status` reports before the check, compares after,
// and puts back exactly what the check changed: a file that was clean returns to HEAD, a file that was already
// changed gets its earlier content back, a file the check created is removed. Nothing else is touched.

const MAX_KEPT_BYTES = 4 * 1024 * 1024;

interface PathState {
  /** `git status` XY code. */
  code: string;
  /** Content fingerprint; null when the path does not exist on disk. */
  hash: string | null;
  /** The content, kept so a change on an already changed file can be undone (null: missing or too large). */
  content: Buffer | null;
}

/** The state of every path `git status` reports (clean tracked files are absent: HEAD holds them). */
export type WorktreeSnapshot = ReadonlyMap<string, PathState>;

const git = (dir: string) => simpleGit({ baseDir: dir, timeout: { block: 60_000 } });
const isTicketPath = (path: string) => path === '.ticket' || path.startsWith('.ticket/');

async function stateOf(worktree: string, path: string, code: string): Promise<PathState> {
  const info = await lstat(join(worktree, path)).catch(() => null);
  if (!info) return { code, hash: null, content: null };
  if (!info.isFile() || info.size > MAX_KEPT_BYTES)
    return { code, hash: `${info.isFile() ? 'file' : 'other'}:${info.size}:${info.mtimeMs}`, content: null };
  const content = await readFile(join(worktree, path));
  return { code, hash: createHash('sha256').update(content).digest('hex'), content };
}

export async function snapshotWorktree(worktree: string): Promise<WorktreeSnapshot> {
  const out = await git(worktree).raw(['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  const snapshot = new Map<string, PathState>();
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] ?? '';
    if (entry.length < 4) continue;
    const code = entry.slice(0, 2);
    const path = entry.slice(3);
    if (!isTicketPath(path)) snapshot.set(path, await stateOf(worktree, path, code));
    // a rename or copy is followed by its source path, which is gone from where it was
    if (code[0] === 'R' || code[0] === 'C') {
      const source = fields[++i] ?? '';
      if (source && !isTicketPath(source)) snapshot.set(source, { code: 'R<', hash: null, content: null });
    }
  }
  return snapshot;
}

/** Paths whose state differs between two snapshots, sorted. */
export function changedPaths(before: WorktreeSnapshot, after: WorktreeSnapshot): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths]
    .filter((p) => {
      const a = before.get(p);
      const b = after.get(p);
      return a?.code !== b?.code || a?.hash !== b?.hash;
    })
    .sort();
}

async function existsAtHead(worktree: string, path: string): Promise<boolean> {
  return git(worktree)
    .raw(['cat-file', '-e', `HEAD:${path}`])
    .then(
      () => true,
      () => false,
    );
}

/** Undo the changes to `paths` since `before`; answers the paths that could not be put back. */
export async function restoreWorktree(
  worktree: string,
  before: WorktreeSnapshot,
  paths: readonly string[],
): Promise<string[]> {
  const unrestorable: string[] = [];
  for (const path of paths) {
    const was = before.get(path);
    const file = join(worktree, path);
    if (!was) {
      // Clean before: back to HEAD (index and file), or gone when HEAD never had it.
      if (await existsAtHead(worktree, path)) await git(worktree).raw(['checkout', 'HEAD', '--', path]);
      else {
        await git(worktree)
          .raw(['rm', '--cached', '-q', '--ignore-unmatch', '--', path])
          .catch(() => undefined);
        await rm(file, { recursive: true, force: true });
      }
    } else if (was.hash === null) await rm(file, { recursive: true, force: true });
    else if (was.content) await writeFile(file, was.content);
    else unrestorable.push(path);
  }
  return unrestorable;
}

export interface GuardedRun<T> {
  value: T;
  /** What the run changed in the worktree (repo-relative, `.ticket/` never included). */
  changed: string[];
  /** Changed paths that could not be put back (a large file that was already changed before the run). */
  unrestorable: string[];
}

/** Run `check` and undo whatever it changed in the worktree, reporting what that was. */
export async function guardWorktree<T>(worktree: string, check: () => Promise<T>): Promise<GuardedRun<T>> {
  const before = await snapshotWorktree(worktree);
  const value = await check();
  const changed = changedPaths(before, await snapshotWorktree(worktree));
  const unrestorable = changed.length ? await restoreWorktree(worktree, before, changed) : [];
  return { value, changed, unrestorable };
}
