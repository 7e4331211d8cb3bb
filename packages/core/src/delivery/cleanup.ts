import { chmod, lstat, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';

// workflow.md §10.12 CLEANING_ENV: remove what only a running ticket needs (locks, sessions, stream buffers, temp
// files, runtime state, setup temp roots) and keep what a person reads later (planning docs, reports, logs,
// `.ticket/manual-qa/**`). It never blocks: problems become warnings on the report.

export const CleanupReport = z.object({
  status: z.enum(['clean', 'warning']),
  removedDirs: z.array(z.string()),
  removedFiles: z.array(z.string()),
  preservedPaths: z.array(z.string()),
  errors: z.array(z.string()),
});
export type CleanupReport = z.infer<typeof CleanupReport>;

/** Folders under `.ticket/` removed whole (the scratch roots of `.ticket/.gitignore`, and setup's temp root). */
const SCRATCH_DIRS = ['locks', 'sessions', 'streams', 'tmp', 'runtime/execution-setup'];
/** Single runtime files removed: the rebuildable state projection. */
const SCRATCH_FILES = ['runtime/state.yaml'];
/** Anywhere under `.ticket/`: lock files and the temp files of interrupted atomic writes. */
const SCRATCH_NAME = /(\.lock|\.tmp|\.tmp-[\w-]+|~)$/;

/**
 * Make everything under `dir` writable by its owner again: setup tool caches (Go's module cache, some package
 * managers) are read-only on purpose, and nothing inside them could be removed otherwise.
 */
export async function restoreWritePermission(dir: string): Promise<void> {
  const info = await lstat(dir).catch(() => null);
  if (!info || info.isSymbolicLink()) return;
  await chmod(dir, info.mode | 0o200);
  if (!info.isDirectory()) return;
  await chmod(dir, info.mode | 0o700);
  for (const entry of await readdir(dir)) await restoreWritePermission(join(dir, entry));
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat();
}

/** Clean the ticket folder `<worktree>/.ticket`; paths in the report are relative to the worktree. */
export async function cleanTicketRuntime(worktree: string): Promise<CleanupReport> {
  const ticketDir = join(worktree, '.ticket');
  const rel = (path: string) => relative(worktree, path);
  const report: CleanupReport = { status: 'clean', removedDirs: [], removedFiles: [], preservedPaths: [], errors: [] };

  async function remove(path: string, kind: 'dir' | 'file') {
    try {
      await restoreWritePermission(path);
      await rm(path, { recursive: true, force: true });
      (kind === 'dir' ? report.removedDirs : report.removedFiles).push(rel(path));
    } catch (error) {
      report.errors.push(`${rel(path)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  for (const dir of SCRATCH_DIRS) {
    const path = join(ticketDir, dir);
    if (await lstat(path).catch(() => null)) await remove(path, 'dir');
  }
  for (const file of SCRATCH_FILES) {
    const path = join(ticketDir, file);
    if (await lstat(path).catch(() => null)) await remove(path, 'file');
  }
  for (const path of await walk(ticketDir)) {
    if (SCRATCH_NAME.test(path)) await remove(path, 'file');
    else report.preservedPaths.push(rel(path));
  }
  report.status = report.errors.length > 0 ? 'warning' : 'clean';
  return report;
}
