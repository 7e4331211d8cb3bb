import { access, readdir, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { invalidInput, notFound } from '../errors.ts';
import type { FolderListing } from './schema.ts';

// architecture.md open point 6 (ls safety), decided: no root jail — this is the local user's own folder picker,
// served on loopback — but it only ever lists directory *names*, takes absolute paths only, resolves `..` and
// symlinks to the canonical path before listing (so the answer always says where it really is), does not
// follow symlinked entries, hides dot-folders unless asked, and refuses what it cannot read with a 4xx.

export async function listFolders(path: string | undefined, showHidden = false): Promise<FolderListing> {
  const requested = path?.trim() ? path : homedir();
  if (requested.includes('\0')) throw invalidInput('Path contains a NUL byte');
  if (!isAbsolute(requested)) throw invalidInput('Path must be absolute', { path: requested });
  let current: string;
  try {
    current = await realpath(requested);
  } catch {
    throw notFound('Folder', { path: requested });
  }
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(current, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code; // node fs errors always carry a code
    if (code === 'ENOTDIR') throw invalidInput('Path is not a folder', { path: current });
    throw invalidInput('Folder cannot be read', { path: current, code });
  }
  const dirs = entries
    .filter((e) => e.isDirectory() && (showHidden || !e.name.startsWith('.')))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  const listed = await Promise.all(
    dirs.map(async (name) => {
      const full = join(current, name);
      const isGitRepo = await access(join(full, '.git')).then(
        () => true,
        () => false,
      );
      return { name, path: full, isGitRepo };
    }),
  );
  const parent = dirname(current);
  return { currentPath: current, parentPath: parent === current ? null : parent, dirs: listed };
}
