import type { ArtifactService } from '../artifacts/service.ts';
import { conflict } from '../errors.ts';
import type { GitPort } from '../git/port.ts';
import { TICKET_PATHSPEC } from '../git/port.ts';
import type { Clock } from '../lib/clock.ts';
import { LockedSettings } from '../lifecycle/settings.ts';
import type { TicketRow } from '../tickets/store.ts';
import { readBeads, updateBeads } from './bead-records.ts';
import { readSetupFacts } from './setup-facts.ts';

// workflow.md §4.4 RETRY in CODING: no phase attempt; the same failed (or paused) bead is reset to its
// beadStartCommit, set back to pending and scheduled again, its note histories kept. "Retry with extra note…" first
// proves the bead can be identified and safely reset, then appends the note (byte-exact) to userRetryNotes; if the
// proof fails the ticket stays blocked and no history changes.

export interface RetryDeps {
  git: GitPort;
  artifacts: ArtifactService;
  clock: Clock;
}

export async function resetBeadForRetry(deps: RetryDeps, row: TicketRow, note?: string): Promise<void> {
  const beads = await readBeads(deps.artifacts, row);
  const bead = beads.find((b) => b.status === 'error') ?? beads.find((b) => b.status === 'in_progress');
  const worktree = row.worktreePath;
  if (!bead) {
    if (note === undefined) return; // CODING failed before any bead ran: a plain retry simply re-enters it
    throw conflict('No failed or paused bead can be identified for this error; use Retry without a note', {
      status: row.status,
    });
  }
  if (!bead.beadStartCommit || !worktree) {
    if (note !== undefined)
      throw conflict(`Bead ${bead.id} has no recorded start commit, so it cannot be reset safely`, { beadId: bead.id });
  } else {
    const locked = LockedSettings.safeParse(row.lockedSettings);
    const roots = locked.success ? (await readSetupFacts(deps.artifacts, row, locked.data)).tempRoots : [];
    try {
      await deps.git.resetHard(worktree, bead.beadStartCommit, { preserve: [TICKET_PATHSPEC, ...roots] });
    } catch (error) {
      throw conflict(
        `Bead ${bead.id} cannot be reset to ${bead.beadStartCommit}: ${error instanceof Error ? error.message : error}`,
        { beadId: bead.id },
      );
    }
  }
  const now = deps.clock.isoNow();
  await updateBeads(deps.artifacts, row, bead.id, (b) => ({
    ...b,
    status: 'pending',
    // A manual retry is a fresh-bead retry (§4.4): the iteration budget starts again; the notes keep the history.
    iteration: 1,
    updatedAt: now,
    userRetryNotes:
      note === undefined
        ? b.userRetryNotes
        : [...b.userRetryNotes, { timestamp: now, iteration: b.iteration, content: note }],
  }));
}
