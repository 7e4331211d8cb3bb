// workflow.md §10.6 "Progress UI": completed/total beads, iteration k of N, and an ETA range whose countdown is
// anchored to the current attempt's `updatedAt` and stops while the ticket is blocked (time in BLOCKED_ERROR is
// excluded). Pure helpers; the components tick a clock and render.

export interface MsRange {
  bestMs: number;
  likelyMs: number;
  worstMs: number;
}

export interface ProgressLike {
  completed: number;
  total: number;
  anchor: string | null;
  paused: boolean;
  eta: (MsRange & { basis: string }) | null;
}

/** `1h 05m`, `12m`, `45s`; 0 for anything not positive. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * The ETA range as of `nowMs`: the server's range counts from the anchor, so the time since it is taken off each end
 * (never below zero). Paused, or without an anchor, the range stands still.
 */
export function remainingAt(progress: ProgressLike, nowMs: number): MsRange | null {
  const eta = progress.eta;
  if (!eta) return null;
  const anchorMs = progress.anchor ? Date.parse(progress.anchor) : Number.NaN;
  const spent = progress.paused || !Number.isFinite(anchorMs) ? 0 : Math.max(0, nowMs - anchorMs);
  return {
    bestMs: Math.max(0, eta.bestMs - spent),
    likelyMs: Math.max(0, eta.likelyMs - spent),
    worstMs: Math.max(0, eta.worstMs - spent),
  };
}

const BASIS_LABEL: Record<string, string> = {
  history: 'from past runs like this one',
  current_run: 'from the beads done so far',
  sparse_history: 'from few past runs',
  default: 'no history yet',
};

export const basisLabel = (basis: string) => BASIS_LABEL[basis] ?? basis;

/** `ETA ~16m (6m–36m)`, `paused` while blocked, `overdue` once even the worst case has passed. */
export function etaText(progress: ProgressLike, nowMs: number): string | null {
  const left = remainingAt(progress, nowMs);
  if (!left) return null;
  const range = `~${formatDuration(left.likelyMs)} (${formatDuration(left.bestMs)}–${formatDuration(left.worstMs)})`;
  if (progress.paused) return `ETA paused at ${range}`;
  if (left.worstMs === 0) return 'ETA: running over the estimate';
  return `ETA ${range}`;
}

/** Done beads from the ticket row's counters (CONTRACTS 2: percentComplete = 100 × done / total). */
export function completedOf(ticket: { totalBeads: number | null; percentComplete: number | null }): number {
  if (!ticket.totalBeads) return 0;
  return Math.round(((ticket.percentComplete ?? 0) * ticket.totalBeads) / 100);
}

/**
 * Time likely left on the bead in progress: its per-bead estimate minus the time it has run since `startedAt`. The
 * clock stops at the anchor while the ticket is blocked. Negative once the bead runs over its estimate.
 */
export function beadTimeLeft(
  progress: ProgressLike & { eta: { perBead: MsRange } | null },
  startedAt: string,
  nowMs: number,
): number | null {
  const started = Date.parse(startedAt);
  if (!progress.eta || !Number.isFinite(started)) return null;
  const anchorMs = progress.anchor ? Date.parse(progress.anchor) : Number.NaN;
  const until = progress.paused && Number.isFinite(anchorMs) ? anchorMs : nowMs;
  return progress.eta.perBead.likelyMs - (until - started);
}
