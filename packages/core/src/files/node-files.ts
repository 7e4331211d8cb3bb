import { access, readFile, realpath, rm } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { invalidInput } from '../errors.ts';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import type { WorkspaceFiles } from './port.ts';

const isOutside = (root: string, target: string) => {
  const rel = relative(root, target);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
};

/** The closest existing folder at or above `path`, resolved through symlinks. */
async function realAncestor(path: string): Promise<string> {
  for (let current = path; ; current = dirname(current)) {
    const real = await realpath(current).catch(() => null);
    if (real !== null || dirname(current) === current) return real ?? current;
  }
}

/**
 * `path` resolved inside `root`, or an `invalid_input` error: absolute paths, `..` and symlinks that lead out of the
 * root are refused (a model-written or user-edited path must never reach outside the ticket's worktree).
 */
export async function pathInside(root: string, path: string, options: { allowRoot?: boolean } = {}): Promise<string> {
  const base = resolve(root);
  const target = resolve(base, path);
  const refuse = () => invalidInput(`The path ${path} is outside the workspace`, { root, path });
  if (isAbsolute(path) || isOutside(base, target)) throw refuse();
  if (target === base && !options.allowRoot)
    throw invalidInput('A path inside the workspace is needed', { root, path });
  // A root that does not exist yet has no symlinks below it: the lexical check is the whole check.
  const realBase = await realpath(base).catch(() => null);
  if (realBase === null) return target;
  const realTarget = await realAncestor(target);
  if (realTarget !== realBase && isOutside(realBase, realTarget)) throw refuse();
  return target;
}

/** The real workspace files over node:fs. */
export function createNodeFiles(): WorkspaceFiles {
  return {
    async read(root, path) {
      const target = await pathInside(root, path);
      return readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
    },
    async write(root, path, content) {
      await writeFileAtomic(await pathInside(root, path), content);
    },
    async exists(root, path) {
      return access(await pathInside(root, path)).then(
        () => true,
        () => false,
      );
    },
    async remove(root, path) {
      await rm(await pathInside(root, path), { recursive: true, force: true });
    },
  };
}
