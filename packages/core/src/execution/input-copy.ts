import { cp, lstat, readdir, readFile } from 'node:fs/promises';
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

/** The exclude rule that keeps a copied input out of every commit. */
const ruleOf = (input: WorkspaceInput) => `/${input.path}${input.kind === 'directory' ? '/' : ''}`;

/** §10.3 "a backend copy preview (file count, bytes)" for each input that exists in the original checkout. */
export async function withCopyPreviews(checkout: string, inputs: readonly WorkspaceInput[]): Promise<WorkspaceInput[]> {
  const out: WorkspaceInput[] = [];
  for (const input of inputs) {
    const seen = await observeInput(checkout, input);
    out.push({ ...input, preview: seen.exists ? seen.preview : null });
  }
  return out;
}

/** Validate every input, then copy them; the problems of all inputs are reported together (nothing copied). */
export async function copyWorkspaceInputs(
  checkout: string,
  worktree: string,
  inputs: readonly WorkspaceInput[],
): Promise<{ problems: string[]; copied: string[] }> {
  const exclude = await excludeFileOf(worktree);
  // The exclude file is shared by every worktree of the repository: an input we excluded on an earlier copy now
  // reads as ignored in the original checkout too. Our own rule does not change what the user declared.
  const ours = new Set((await readFile(exclude, 'utf8').catch(() => '')).split('\n').map((l) => l.trim()));
  const problems: string[] = [];
  for (const input of inputs) {
    const seen = await observeInput(checkout, input);
    const excludedByUs = seen.gitStatus === 'ignored' && ours.has(ruleOf(input));
    problems.push(...workspaceInputProblems(input, excludedByUs ? { ...seen, gitStatus: input.sourceStatus } : seen));
  }
  if (problems.length) return { problems, copied: [] };
  for (const input of inputs) {
    // never overwrite a file the worktree tracks (force: false keeps existing files)
    await cp(join(checkout, input.path), join(worktree, input.path), {
      recursive: true,
      force: false,
      errorOnExist: false,
    });
    await addIgnoreRule(exclude, ruleOf(input));
  }
  return { problems, copied: inputs.map((i) => i.path) };
}
