import { describe, expect, it } from 'vitest';
import { percentile, share, summarize, tally, unionLength } from './stats.ts';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('summarizes unsorted values', () => {
    expect(summarize([3, 1, 2, 10])).toEqual({ n: 4, p50: 2, p99: 10, mean: 4, max: 10 });
  });

  it('counts overlapping intervals once', () => {
    expect(
      unionLength([
        [0, 10],
        [5, 15],
        [20, 30],
        [21, 22],
        [40, 40],
      ]),
    ).toBe(25);
    expect(unionLength([])).toBe(0);
  });

  it('tallies per key in first-seen order', () => {
    const calls = [
      { phase: 'A', chars: 10 },
      { phase: 'B', chars: 5 },
      { phase: 'A', chars: 1 },
    ];
    const result = tally(
      calls,
      (c) => c.phase,
      (c) => c.chars,
    );
    expect(result.rows).toEqual([
      { key: 'A', count: 2, sum: 11 },
      { key: 'B', count: 1, sum: 5 },
    ]);
    expect(result.total).toEqual({ count: 3, sum: 16 });
    expect(share(1, 8)).toBe(12.5);
    expect(share(1, 0)).toBe(0);
  });
});
