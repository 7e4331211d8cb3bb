import { rm, stat } from 'node:fs/promises';
import { z } from 'zod';
import { restoreWritePermission } from './cleanup.ts';
import { runGit } from './git-command.ts';

// workflow.md §10.12: CLEANING_ENV keeps the worktree; the project action "delete worktrees" later removes those of
// COMPLETED and CANCELED tickets, first restoring write permission on read-only caches (or removal fails half-way).
// Branches stay: a merged branch is history, and a canceled one was already removed by cancel's deleteContent.

const FINISHED = new Set(['COMPLETED', 'CANCELED']);

export interface SweepTicket {
  externalId: string;
  status: string;
  worktreePath: string | null;
}

/** The answer of `POST /projects/{id}/delete-worktrees`: what went, and what could not (with git's or the OS's reason). */
export const WorktreeSweep = z.object({
  removed: z.array(z.object({ ticketId: z.string(), path: z.string() })),
  failed: z.array(z.object({ ticketId: z.string(), path: z.string(), error: z.string() })),
});
export type WorktreeSweep = z.infer<typeof WorktreeSweep>;

export async function removeFinishedWorktrees(
  repoRoot: string,
  tickets: readonly SweepTicket[],
): Promise<WorktreeSweep> {
  const sweep: WorktreeSweep = { removed: [], failed: [] };
  for (const ticket of tickets) {
    const path = ticket.worktreePath;
    if (!path || !FINISHED.has(ticket.status)) continue;
    if (!(await stat(path).catch(() => null))) continue;
    try {
      await restoreWritePermission(path);
      await runGit(repoRoot, ['worktree', 'remove', '--force', path]);
      await rm(path, { recursive: true, force: true });
      sweep.removed.push({ ticketId: ticket.externalId, path });
    } catch (error) {
      sweep.failed.push({
        ticketId: ticket.externalId,
        path,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  await runGit(repoRoot, ['worktree', 'prune']);
  return sweep;
}
