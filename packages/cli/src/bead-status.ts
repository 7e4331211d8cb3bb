import type { RouterOutputs } from '@looptroop/core';

type BeadsView = RouterOutputs['beads']['get'];
type Bead = BeadsView['beads'][number];
type BeadProgress = RouterOutputs['progress']['beads'];
type Diff = RouterOutputs['diffs']['bead'] | RouterOutputs['diffs']['ticket'];

const MARK: Record<Bead['status'], string> = { pending: '·', in_progress: '▶', done: '✓', error: '✗' };

/** `12m`, `1h 05m`, `45s`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/**
 * workflow.md §10.6 "Progress UI" in one line: the ETA range counts down from the anchor (the attempt's updatedAt)
 * and stands still while the ticket is blocked.
 */
export function etaLine(progress: BeadProgress, nowMs: number): string {
  const { eta } = progress;
  if (!eta) return progress.total && progress.completed === progress.total ? 'all beads done' : 'no ETA';
  const anchor = progress.anchor ? Date.parse(progress.anchor) : Number.NaN;
  const spent = progress.paused || Number.isNaN(anchor) ? 0 : Math.max(0, nowMs - anchor);
  const left = (ms: number) => duration(ms - spent);
  const range = `~${left(eta.likelyMs)} (${left(eta.bestMs)}–${left(eta.worstMs)}, ${eta.basis.replace('_', ' ')})`;
  return progress.paused ? `ETA paused at ${range}` : `ETA ${range}`;
}

function beadLine(bead: Bead, position: string, progress: BeadProgress, nowMs: number): string[] {
  const pad = ' '.repeat(position.length + 4);
  const current = progress.current?.id === bead.id ? progress.current : null;
  const state =
    bead.status === 'in_progress' || bead.status === 'error'
      ? `${bead.status.replace('_', ' ')}, iteration ${Math.max(bead.iteration, 1)}${current ? ` of ${current.maxIterations}` : ''}`
      : bead.status;
  const started = Date.parse(bead.startedAt);
  const running =
    bead.status === 'in_progress' && !Number.isNaN(started)
      ? `, running ${duration((progress.paused && progress.anchor ? Date.parse(progress.anchor) : nowMs) - started)}`
      : '';
  const notes = bead.failedIterationNotes.at(-1);
  return [
    `${position}. ${MARK[bead.status]} ${bead.id}  ${bead.title}  [${state}${running}]`,
    ...(notes
      ? [`${pad}${bead.failedIterationNotes.length} failed iteration note(s); latest: ${notes.content.split('\n')[0]}`]
      : []),
  ];
}

/** `beads status`: completed/total and the ETA, then each bead with its live status (CONTRACTS.md 1). */
export function describeBeadStatus(view: BeadsView, progress: BeadProgress, nowMs: number): string {
  const width = String(view.beads.length).length;
  return [
    `Beads of ${view.ticketId} (${progress.status}) — ${progress.completed}/${progress.total} done · ${etaLine(progress, nowMs)}`,
    '',
    ...view.beads.flatMap((bead, i) => beadLine(bead, String(i + 1).padStart(width), progress, nowMs)),
  ].join('\n');
}

/** `diff`: the file list with +/− counts, then the unified diff itself. */
export function describeDiff(diff: Diff, title: string): string {
  const files = diff.files.map(
    (f) =>
      `  ${f.status} ${f.oldPath ? `${f.oldPath} → ${f.path}` : f.path}  ${f.binary ? 'binary' : `+${f.additions} −${f.deletions}`}`,
  );
  return [
    `${title}: ${diff.files.length} file(s), +${diff.additions} −${diff.deletions}`,
    ...files,
    '',
    diff.content,
  ].join('\n');
}
