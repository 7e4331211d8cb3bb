import { describe, expect, it } from 'vitest';
import { DEFAULT_PER_BEAD, estimateEta, perBeadRange, sizeBucketOf, type ThroughputSample } from './eta.ts';

const MIN = 60_000;
const sample = (ticketId: number, minutes: number, over: Partial<ThroughputSample> = {}): ThroughputSample => ({
  ticketId,
  durationMs: minutes * MIN,
  bucket: 'S',
  tier: 'high',
  ...over,
});
const input = { ticketId: 1, bucket: 'S' as const, tier: 'high', remainingBeads: 2, currentElapsedMs: 0 };

describe('ETA range (§10.6 Progress UI)', () => {
  it('buckets plans by size: S 1–5, M 6–12, L 13+', () => {
    expect([1, 5, 6, 12, 13, 40].map(sizeBucketOf)).toEqual(['S', 'S', 'M', 'M', 'L', 'L']);
  });

  it('uses matching history (same bucket and effort tier, other tickets) once it has enough samples', () => {
    const samples = [
      sample(2, 4),
      sample(2, 6),
      sample(3, 8),
      sample(3, 10),
      sample(4, 100, { tier: 'low' }),
      sample(5, 100, { bucket: 'L' }),
      sample(1, 60),
    ];
    const eta = estimateEta({ ...input, samples });
    expect(eta).toMatchObject({ basis: 'history', samples: 4 });
    // p25 of 4,6,8,10 = 5.5, median 7, p90 = 9.4 (minutes), for two whole beads.
    expect(eta.perBead).toEqual({ bestMs: 5.5 * MIN, likelyMs: 7 * MIN, worstMs: 9.4 * MIN });
    expect(eta).toMatchObject({ bestMs: 11 * MIN, likelyMs: 14 * MIN, worstMs: 18.8 * MIN });
  });

  it('falls back to the current run, then sparse history, then the default', () => {
    const sparse = [sample(2, 4), sample(3, 4, { tier: 'low' })];
    expect(estimateEta({ ...input, samples: [...sparse, sample(1, 10)] })).toMatchObject({
      basis: 'current_run',
      samples: 1,
      perBead: { bestMs: 5 * MIN, likelyMs: 10 * MIN, worstMs: 20 * MIN },
    });
    expect(estimateEta({ ...input, samples: sparse })).toMatchObject({ basis: 'sparse_history', samples: 2 });
    expect(estimateEta({ ...input, samples: [sample(2, 0), sample(1, -3)] })).toMatchObject({
      basis: 'default',
      samples: 0,
      perBead: DEFAULT_PER_BEAD,
      likelyMs: 2 * DEFAULT_PER_BEAD.likelyMs,
    });
  });

  it('counts only what is left of the bead in progress, never below zero', () => {
    const samples = [sample(2, 10), sample(2, 10), sample(3, 10)];
    expect(estimateEta({ ...input, remainingBeads: 3, currentElapsedMs: 4 * MIN, samples })).toMatchObject({
      likelyMs: (2 * 10 + 6) * MIN,
    });
    expect(estimateEta({ ...input, remainingBeads: 1, currentElapsedMs: 30 * MIN, samples })).toMatchObject({
      bestMs: 0,
      likelyMs: 0,
      worstMs: 0,
    });
    expect(estimateEta({ ...input, remainingBeads: 0, samples })).toMatchObject({ likelyMs: 0 });
  });

  it('widens a range drawn from fewer samples than history needs', () => {
    expect(perBeadRange([10 * MIN])).toEqual({ bestMs: 5 * MIN, likelyMs: 10 * MIN, worstMs: 20 * MIN });
    expect(perBeadRange([2, 4, 6, 8, 10].map((m) => m * MIN)).worstMs).toBe(9.2 * MIN);
  });
});
