import { describe, expect, it } from 'vitest';
import { beadTimeLeft, completedOf, etaText, formatDuration, remainingAt } from './bead-progress.ts';

const MIN = 60_000;
const anchor = '2026-04-23T09:14:00.000Z';
const at = (minutes: number) => Date.parse(anchor) + minutes * MIN;
const progress = {
  completed: 1,
  total: 3,
  anchor,
  paused: false,
  eta: {
    bestMs: 6 * MIN,
    likelyMs: 16 * MIN,
    worstMs: 36 * MIN,
    basis: 'current_run',
    perBead: { bestMs: 5 * MIN, likelyMs: 10 * MIN, worstMs: 20 * MIN },
  },
};
const startedAt = '2026-04-23T09:10:00.000Z';

describe('bead progress (§10.6 Progress UI)', () => {
  it('formats durations', () => {
    expect([0, 45_000, 12 * MIN, 65 * MIN, -5].map(formatDuration)).toEqual(['0s', '45s', '12m', '1h 05m', '0s']);
  });

  it('counts down from the anchor, never below zero', () => {
    expect(remainingAt(progress, at(0))).toEqual({ bestMs: 6 * MIN, likelyMs: 16 * MIN, worstMs: 36 * MIN });
    expect(remainingAt(progress, at(10))).toEqual({ bestMs: 0, likelyMs: 6 * MIN, worstMs: 26 * MIN });
    expect(etaText(progress, at(10))).toBe('ETA ~6m (0s–26m)');
    expect(etaText(progress, at(40))).toBe('ETA: running over the estimate');
  });

  it('stands still while the ticket is blocked', () => {
    const blocked = { ...progress, paused: true };
    expect(remainingAt(blocked, at(30))).toEqual(remainingAt(progress, at(0)));
    expect(etaText(blocked, at(30))).toBe('ETA paused at ~16m (6m–36m)');
  });

  it('has no ETA without one, and reads completed beads from the ticket counters', () => {
    expect(etaText({ ...progress, eta: null }, at(0))).toBeNull();
    expect(completedOf({ totalBeads: 3, percentComplete: 66.6667 })).toBe(2);
    expect(completedOf({ totalBeads: null, percentComplete: null })).toBe(0);
  });

  it('counts the bead in progress down from its start, frozen at the anchor while blocked', () => {
    expect(beadTimeLeft(progress, startedAt, at(1))).toBe(5 * MIN);
    expect(beadTimeLeft(progress, startedAt, at(8))).toBe(-2 * MIN);
    expect(beadTimeLeft({ ...progress, paused: true }, startedAt, at(8))).toBe(6 * MIN);
    expect(beadTimeLeft(progress, '', at(1))).toBeNull();
  });
});
