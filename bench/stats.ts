// Pure helpers of the bench suite (unit-tested in stats.test.ts; the benchmarks themselves never run in CI).

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of ascending `sorted` values (p in 0–100); 0 for no values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;

/** p50, p99, mean and max, rounded to 0.1. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    n: sorted.length,
    p50: round1(percentile(sorted, 50)),
    p99: round1(percentile(sorted, 99)),
    mean: round1(sorted.length ? sum / sorted.length : 0),
    max: round1(sorted.at(-1) ?? 0),
  };
}

/** Total length covered by [start, end] intervals, overlaps counted once (parallel council calls). */
export function unionLength(intervals: readonly (readonly [number, number])[]): number {
  const sorted = intervals.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return total;
}

/** Counts and sums of `value` per `key`, in first-seen key order, plus the total. */
export function tally<T>(
  items: readonly T[],
  key: (item: T) => string,
  value: (item: T) => number,
): { rows: { key: string; count: number; sum: number }[]; total: { count: number; sum: number } } {
  const rows = new Map<string, { key: string; count: number; sum: number }>();
  for (const item of items) {
    const k = key(item);
    const row = rows.get(k) ?? { key: k, count: 0, sum: 0 };
    row.count += 1;
    row.sum += value(item);
    rows.set(k, row);
  }
  const list = [...rows.values()];
  return {
    rows: list,
    total: list.reduce((t, r) => ({ count: t.count + r.count, sum: t.sum + r.sum }), { count: 0, sum: 0 }),
  };
}

/** A share as a percentage with one decimal; 0 when the whole is 0. */
export const share = (part: number, whole: number): number => (whole > 0 ? round1((100 * part) / whole) : 0);
