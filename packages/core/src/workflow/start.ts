import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addIgnoreRule } from '../git/ignore.ts';
import type { GitPort } from '../git/port.ts';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import { PhaseError } from '../lifecycle/phase.ts';
import type { LockedSettings } from '../lifecycle/settings.ts';
import { LOOPTROOP_DIR } from '../projects/service.ts';
import type { ProjectRow } from '../projects/store.ts';
import type { TicketRow } from '../tickets/store.ts';
import { TICKET_GITIGNORE, ticketDirOf, worktreePathFor } from '../tickets/workspace.ts';

export interface InitializedWorkspace {
  worktreePath: string;
  branchName: string;
  baseBranch: string;
}

/**
 * Start's initialization (architecture.md §2.1, §3.3): the ticket's worktree on branch `<REF>` from the repo's
 * current branch, and its `.ticket/` folder. Each failure carries the documented INIT_* code.
 */
export async function initializeWorkspace(
  git: GitPort,
  project: ProjectRow,
  ticket: TicketRow,
  locked: LockedSettings,
  now: string,
): Promise<InitializedWorkspace> {
  const root = project.folderPath;
  const tracked = await git.isTracked(root, LOOPTROOP_DIR).catch(() => {
    throw new PhaseError('Could not check whether .looptroop is tracked (git ls-files failed)', [
      'INIT_LOOPTROOP_TRACKED_CHECK_FAILED',
    ]);
  });
  if (tracked) {
    throw new PhaseError('.looptroop is tracked in git; run `git rm --cached -r .looptroop` and commit', [
      'INIT_LOOPTROOP_TRACKED',
    ]);
  }
  if (!(await git.hasCommits(root))) {
    throw new PhaseError('The repository has no commits yet; commit something to branch from', [
      'INIT_BASE_BRANCH_MISSING',
    ]);
  }
  const baseBranch = await git.currentBranch(root);
  if (!baseBranch) {
    throw new PhaseError('HEAD is detached; check out the branch the ticket should start from', [
      'INIT_BASE_BRANCH_MISSING',
    ]);
  }
  const worktreePath = worktreePathFor(root, ticket.externalId);
  try {
    await git.createWorktree(root, worktreePath, ticket.externalId, baseBranch);
  } catch (error) {
    throw new PhaseError(`Could not create the worktree: ${error instanceof Error ? error.message : error}`, [
      'INIT_WORKTREE_CREATE_FAILED',
    ]);
  }
  const ticketDir = ticketDirOf(worktreePath);
  for (const sub of ['runtime', 'meta', 'approvals', 'beads']) await mkdir(join(ticketDir, sub), { recursive: true });
  await writeFile(join(ticketDir, '.gitignore'), TICKET_GITIGNORE);
  // `.ticket/` must never be committed, diffed into beads or delivered: exclude it in this worktree.
  await addIgnoreRule(await git.excludeFile(worktreePath), '/.ticket/');
  await writeFileAtomic(
    join(ticketDir, 'meta', 'ticket.meta.json'),
    `${JSON.stringify({ ticketId: ticket.externalId, baseBranch, startedAt: now, locked }, null, 2)}\n`,
  );
  return { worktreePath, branchName: ticket.externalId, baseBranch };
}
