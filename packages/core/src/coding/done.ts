import { artifactTypeOf } from '../artifacts/artifact-type.ts';
import type { Bead } from '../beads/schema.ts';
import type { PhaseContext, PhaseOutcome } from '../lifecycle/phase.ts';
import { beadCounters, CODING, updateBeads } from './bead-records.ts';
import { type BeadExecution, beadExecutionType, writeCheckpoint } from './checkpoint.ts';
import type { CodingDeps } from './deps.ts';
import type { Finalized } from './finalize.ts';

// workflow.md §10.6 step 9 "Done": mark the bead done, capture its code-only diff, record its throughput, tell the
// stream, then BEAD_COMPLETE (the machine's guard leaves CODING once every bead is done).

export const beadDiffType = (beadId: string) => artifactTypeOf('bead_diff', beadId);

const ms = (iso: string) => Date.parse(iso);

/**
 * Active time of the bead: the sum of its iterations of this run (each checkpoint version spans from its attempt's
 * `updatedAt` to when it was written), so time spent blocked between iterations is not counted (§10.6 Progress UI).
 */
async function activeDurationMs(deps: CodingDeps, ctx: PhaseContext, bead: Bead, completedAt: string): Promise<number> {
  const versions = await deps.artifacts.list(ctx.ticket, { artifactType: beadExecutionType(bead.id) });
  let total = 0;
  for (const version of versions) {
    const content = JSON.parse(version.content) as { startedAt?: string; updatedAt?: string }; // our own JSON
    if (content.startedAt !== bead.startedAt || !content.updatedAt) continue;
    total += Math.max(0, ms(version.createdAt) - ms(content.updatedAt));
  }
  // The finalization itself, after the last checkpoint.
  const last = versions.at(-1);
  if (last) total += Math.max(0, ms(completedAt) - ms(last.createdAt));
  return total;
}

export async function completeBead(
  deps: CodingDeps,
  ctx: PhaseContext,
  bead: Bead,
  finalized: Finalized,
  checkpoint: BeadExecution | null,
): Promise<PhaseOutcome> {
  const { ticket } = ctx;
  if (checkpoint)
    await writeCheckpoint(deps.artifacts, ticket, { ...checkpoint, commit: finalized.commit }, { replace: true });
  const completedAt = deps.clock.isoNow();
  const worktree = ticket.worktreePath ?? '';
  // CONTRACTS.md 3: the code-only diff from the start commit, captured only when the start commit is known.
  if (bead.beadStartCommit) {
    const diff = await deps.git.diff(worktree, bead.beadStartCommit, finalized.head);
    await deps.artifacts.write(ticket, CODING, beadDiffType(bead.id), diff);
  }
  const beads = await updateBeads(deps.artifacts, ticket, bead.id, (b) => ({
    ...b,
    status: 'done',
    completedAt,
    updatedAt: completedAt,
  }));
  await deps.codingStore.recordMetrics({
    ticketId: ticket.id,
    beadId: bead.id,
    iterations: bead.iteration,
    activeDurationMs: await activeDurationMs(deps, ctx, bead, completedAt),
    wallClockMs: Math.max(0, ms(completedAt) - ms(bead.startedAt || completedAt)),
    completedAt,
  });
  const counters = beadCounters(beads);
  await deps.codingStore.setCounters(ticket.id, counters);
  const completed = beads.filter((b) => b.status === 'done').length;
  for (const warning of finalized.warnings) await deps.logs.milestone(ticket, CODING, `Bead ${bead.id}: ${warning}`);
  await deps.logs.milestone(
    ticket,
    CODING,
    `Bead ${bead.id} done${finalized.commit ? ` (commit ${finalized.commit.slice(0, 12)})` : ' (no changes to commit)'}`,
    { beadId: bead.id, commit: finalized.commit, warnings: finalized.warnings },
  );
  await deps.events.publish('bead_complete', {
    ticketId: ticket.externalId,
    beadId: bead.id,
    title: bead.title,
    completed,
    total: beads.length,
  });
  await deps.events.publish('progress', {
    ticketId: ticket.externalId,
    phase: CODING,
    current: counters.currentBead,
    total: counters.totalBeads,
    message: `Bead ${bead.id} done (${completed}/${beads.length})`,
  });
  return { event: 'BEAD_COMPLETE', context: { beadsCompleted: completed, beadsTotal: beads.length } };
}
