import type { RouterOutputs } from '@looptroop/core';

type Bead = RouterOutputs['beads']['get']['beads'][number];

/** What the demo remembers of a bead between two polls. */
export type BeadSnapshot = Pick<Bead, 'status' | 'iteration'> & { notes: number };

const snapshot = (bead: Bead): BeadSnapshot => ({
  status: bead.status,
  iteration: bead.iteration,
  notes: bead.failedIterationNotes.length,
});

/**
 * The live lines of the coding loop (workflow.md §10.6): a bead starting an iteration, a Ralph note and reset, a bead
 * done or in error. Pure: compares the plan with the previous snapshots and returns the lines and the new snapshots.
 */
export function beadProgressLines(
  beads: Bead[],
  previous: ReadonlyMap<string, BeadSnapshot>,
): { lines: string[]; next: Map<string, BeadSnapshot> } {
  const lines: string[] = [];
  const next = new Map<string, BeadSnapshot>();
  const total = beads.length;
  const done = beads.filter((b) => b.status === 'done').length;
  for (const [index, bead] of beads.entries()) {
    const now = snapshot(bead);
    next.set(bead.id, now);
    const before = previous.get(bead.id);
    const label = `bead ${index + 1}/${total} ${bead.id}`;
    const note = bead.failedIterationNotes.at(-1);
    if (note && now.notes > (before?.notes ?? 0))
      lines.push(
        `${label}: iteration ${note.iteration} failed${note.errorCode ? ` (${note.errorCode})` : ''}, reset; note: ${note.content.split('\n')[0]}`,
      );
    if (before?.status === now.status && before.iteration === now.iteration) continue;
    if (now.status === 'in_progress') lines.push(`${label}: coding, iteration ${now.iteration} — ${bead.title}`);
    if (now.status === 'done') lines.push(`${label}: done after ${now.iteration} iteration(s) (${done}/${total} done)`);
    if (now.status === 'error') lines.push(`${label}: error after ${now.iteration} iteration(s)`);
  }
  return { lines, next };
}
