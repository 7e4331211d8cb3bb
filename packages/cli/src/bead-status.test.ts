import type { RouterOutputs } from '@looptroop/core';
import { beadRecord } from '@looptroop/testkit/fakes';
import { describe, expect, it } from 'vitest';
import { describeBeadStatus, describeDiff, etaLine } from './bead-status.ts';

type BeadProgress = RouterOutputs['progress']['beads'];
const MIN = 60_000;
const anchor = '2026-04-23T09:14:00.000Z';
const at = (minutes: number) => Date.parse(anchor) + minutes * MIN;

const progress: BeadProgress = {
  ticketId: 'AUTH-1',
  status: 'CODING',
  completed: 1,
  total: 3,
  current: {
    id: 'two',
    title: 'Title of two',
    status: 'in_progress',
    position: 2,
    iteration: 2,
    maxIterations: 5,
    startedAt: '2026-04-23T09:10:00.000Z',
    updatedAt: anchor,
  },
  anchor,
  paused: false,
  eta: {
    bestMs: 6 * MIN,
    likelyMs: 16 * MIN,
    worstMs: 36 * MIN,
    basis: 'current_run',
    samples: 1,
    perBead: { bestMs: 5 * MIN, likelyMs: 10 * MIN, worstMs: 20 * MIN },
  },
  implementationMs: 10 * MIN,
};

const view = {
  ticketId: 'AUTH-1',
  flow: 'main',
  exists: true,
  raw: null,
  contentSha256: null,
  editable: false,
  issues: [],
  beads: [
    beadRecord('one', 1, { status: 'done' }),
    beadRecord('two', 2, {
      status: 'in_progress',
      iteration: 2,
      startedAt: '2026-04-23T09:10:00.000Z',
      failedIterationNotes: [{ timestamp: anchor, iteration: 1, content: 'expected 3, got 4\nstack…' }],
    }),
    beadRecord('three', 3),
  ],
};

describe('beads status', () => {
  it('prints completed/total, the ETA counting down from the anchor, and every bead', () => {
    expect(describeBeadStatus(view, progress, at(2))).toBe(
      [
        'Beads of AUTH-1 (CODING) — 1/3 done · ETA ~14m (4m–34m, current run)',
        '',
        '1. ✓ one  Title of one  [done]',
        '2. ▶ two  Title of two  [in progress, iteration 2 of 5, running 6m]',
        '     1 failed iteration note(s); latest: expected 3, got 4',
        '3. · three  Title of three  [pending]',
      ].join('\n'),
    );
  });

  it('stands still while blocked and says when everything is done', () => {
    expect(etaLine({ ...progress, paused: true }, at(30))).toBe('ETA paused at ~16m (6m–36m, current run)');
    expect(etaLine({ ...progress, eta: null, completed: 3 }, at(0))).toBe('all beads done');
  });

  it('prints a diff with its file list', () => {
    const text = describeDiff(
      {
        ticketId: 'AUTH-1',
        baseBranch: 'main',
        mergeBase: 'a',
        head: 'b',
        truncated: false,
        source: 'worktree',
        content: 'diff --git a/x b/x',
        files: [
          { path: 'x', oldPath: null, status: 'M', additions: 2, deletions: 1, binary: false },
          { path: 'logo.png', oldPath: 'old.png', status: 'R', additions: null, deletions: null, binary: true },
        ],
        additions: 2,
        deletions: 1,
      },
      'AUTH-1 net diff',
    );
    expect(text).toBe(
      [
        'AUTH-1 net diff: 2 file(s), +2 −1',
        '  M x  +2 −1',
        '  R old.png → logo.png  binary',
        '',
        'diff --git a/x b/x',
      ].join('\n'),
    );
  });
});
