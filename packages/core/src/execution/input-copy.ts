import { cp, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { addIgnoreRule, excludeFileOf } from '../git/ignore.ts';
import { type InputObservation, type WorkspaceInput, workspaceInputProblems } from './workspace-inputs.ts';
import { pathGitStatus } from './worktree-git.ts';

// §10.5 step 1: validate the approved workspace inputs against the original checkout, then copy them into the
// worktree. Tracked ticket files are never overwritten; copied inputs are excluded from commits.

async function measure(path: string): Promise<{ fileCount: number; bytes: number; containsSymlink: boolean }> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return { fileCount: 0, bytes: 0, containsSymlink: true };
  if (!info.isDirectory()) return { fileCount: 1, bytes: info.size, containsSymlink: false };
  let fileCount = 0;
  let bytes = 0;
  let containsSymlink = false;
  for (const entry of await readdir(path)) {
    const inner = await measure(join(path, entry));
    fileCount += inner.fileCount;
    bytes += inner.bytes;
    containsSymlink ||= inner.containsSymlink;
  }
  return { fileCount, bytes, containsSymlink };
}

export async function observeInput(checkout: string, input: WorkspaceInput): Promise<InputObservation> {
  const path = join(checkout, input.path);
  const info = await lstat(path).catch(() => null);
  if (!info)
    return {
      exists: false,
      isSymlink: false,
      containsSymlink: false,
      isDirectory: false,
      gitStatus: 'untracked',
      preview: { fileCount: 0, bytes: 0 },
    };
  const size = await measure(path);
  return {
    exists: true,
    isSymlink: info.isSymbolicLink(),
    containsSymlink: size.containsSymlink,
    isDirectory: info.isDirectory(),
    gitStatus: await pathGitStatus(checkout, input.path),
    preview: { fileCount: size.fileCount, bytes: size.bytes },
  };
}

/** Validate every input, then copy them; the problems of all inputs are reported together (nothing copied). */
export async function copyWorkspaceInputs(
  checkout: string,
  worktree: string,
  inputs: readonly WorkspaceInput[],
): Promise<{ problems: string[]; copied: string[] }> {
  const problems: string[] = [];
  for (const input of inputs) problems.push(...workspaceInputProblems(input, await observeInput(checkout, input)));
  if (problems.length) return { problems, copied: [] };
  const exclude = await excludeFileOf(worktree);
  for (const input of inputs) {
    // never overwrite a file the worktree tracks (force: false keeps existing files)
    await cp(join(checkout, input.path), join(worktree, input.path), {
      recursive: true,
      force: false,
      errorOnExist: false,
    });
    await addIgnoreRule(exclude, `/${input.path}${input.kind === 'directory' ? '/' : ''}`);
  }
  return { problems, copied: inputs.map((i) => i.path) };
}
