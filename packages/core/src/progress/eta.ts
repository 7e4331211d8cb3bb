// workflow.md §10.6 "Progress UI": an ETA range (best / likely / worst) from per-bead throughput history, bucketed by
// plan size (S 1–5, M 6–12, L 13+ beads) × effort tier (the locked main implementer variant, architecture.md
// `bead_execution_metrics`); fall back to the current run, then sparse history, then a default. Pure: the progress
// service gathers the samples.

export type SizeBucket = 'S' | 'M' | 'L';
export const sizeBucketOf = (totalBeads: number): SizeBucket => (totalBeads <= 5 ? 'S' : totalBeads <= 12 ? 'M' : 'L');

/** The effort tier of a run: its locked variant, `default` when the model runs without one. */
export const effortTierOf = (variant: string | null | undefined): string => variant || 'default';

export type EtaBasis = 'history' | 'current_run' | 'sparse_history' | 'default';

export interface MsRange {
  bestMs: number;
  likelyMs: number;
  worstMs: number;
}

export interface EtaRange extends MsRange {
  basis: EtaBasis;
  /** Completed beads the estimate is drawn from (0 for the default). */
  samples: number;
  /** The per-bead range the total was built from. */
  perBead: MsRange;
}

/** One completed bead of some ticket, with the bucket and tier of that ticket's run. */
export interface ThroughputSample {
  ticketId: number;
  /** Time in CODING on this bead (architecture.md: rows with duration ≤ 0 are skipped). */
  durationMs: number;
  bucket: SizeBucket;
  tier: string;
}

export interface EtaInput {
  ticketId: number;
  bucket: SizeBucket;
  tier: string;
  /** Beads not done yet, the one in progress included. */
  remainingBeads: number;
  /** Time the bead in progress has already spent at the anchor (0 when none is in progress). */
  currentElapsedMs: number;
  /** Every recorded sample, this ticket's included. */
  samples: readonly ThroughputSample[];
}

/** History needs this many matching beads before it beats the current run (fewer is "sparse"). */
export const MIN_HISTORY_SAMPLES = 3;

/**
 * §10.6 leaves the default open; ours assumes a bead takes a quarter of an hour, with a range wide enough to be
 * honest about knowing nothing yet.
 */
export const DEFAULT_PER_BEAD: MsRange = { bestMs: 5 * 60_000, likelyMs: 15 * 60_000, worstMs: 45 * 60_000 };

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] ?? 0;
  const b = sorted[high] ?? a;
  return Math.round(a + (b - a) * (at - low));
}

/**
 * Best = 25th percentile, likely = median, worst = 90th percentile of the per-bead durations. With fewer samples than
 * history needs, the range is widened (best at most half, worst at least twice the likely value): one fast bead must
 * not promise the rest will be as fast.
 */
export function perBeadRange(durations: readonly number[]): MsRange {
  const sorted = [...durations].sort((a, b) => a - b);
  const likelyMs = quantile(sorted, 0.5);
  const range = { bestMs: quantile(sorted, 0.25), likelyMs, worstMs: quantile(sorted, 0.9) };
  if (sorted.length >= MIN_HISTORY_SAMPLES) return range;
  return {
    bestMs: Math.min(range.bestMs, Math.round(likelyMs / 2)),
    likelyMs,
    worstMs: Math.max(range.worstMs, likelyMs * 2),
  };
}

function choose(input: EtaInput): { basis: EtaBasis; durations: number[] } {
  const valid = input.samples.filter((s) => s.durationMs > 0);
  const others = valid.filter((s) => s.ticketId !== input.ticketId);
  const matching = others.filter((s) => s.bucket === input.bucket && s.tier === input.tier);
  if (matching.length >= MIN_HISTORY_SAMPLES) return { basis: 'history', durations: matching.map((s) => s.durationMs) };
  const current = valid.filter((s) => s.ticketId === input.ticketId);
  if (current.length > 0) return { basis: 'current_run', durations: current.map((s) => s.durationMs) };
  if (others.length > 0) return { basis: 'sparse_history', durations: others.map((s) => s.durationMs) };
  return { basis: 'default', durations: [] };
}

/**
 * The time left for the remaining beads as of the anchor: whole beads for those not started, and for the bead in
 * progress whatever its range leaves after the time it already spent (never below zero).
 */
export function estimateEta(input: EtaInput): EtaRange {
  const { basis, durations } = choose(input);
  const perBead = basis === 'default' ? DEFAULT_PER_BEAD : perBeadRange(durations);
  const inProgress = input.currentElapsedMs > 0 && input.remainingBeads > 0 ? 1 : 0;
  const whole = input.remainingBeads - inProgress;
  const total = (key: keyof MsRange) =>
    whole * perBead[key] + inProgress * Math.max(perBead[key] - input.currentElapsedMs, 0);
  return {
    bestMs: total('bestMs'),
    likelyMs: total('likelyMs'),
    worstMs: total('worstMs'),
    basis,
    samples: durations.length,
    perBead,
  };
}
