import type { RouterOutputs } from '@looptroop/core';
import { describe, expect, it } from 'vitest';
import { beadProgressLines } from './bead-progress.ts';

type Bead = RouterOutputs['beads']['get']['beads'][number];

const bead = (id: string, over: Partial<Bead> = {}) =>
  ({ id, title: `Title of ${id}`, status: 'pending', iteration: 1, failedIterationNotes: [], ...over }) as Bead;
const note = (iteration: number) => ({ timestamp: 't', iteration, content: 'Compare the password.\nMore.' });

describe('beadProgressLines', () => {
  it('says when a bead starts, fails an iteration, restarts and finishes, once each', () => {
    const start = beadProgressLines([bead('a', { status: 'in_progress' }), bead('b')], new Map());
    expect(start.lines).toEqual(['bead 1/2 a: coding, iteration 1 — Title of a']);
    expect(beadProgressLines([bead('a', { status: 'in_progress' }), bead('b')], start.next).lines).toEqual([]);

    const retry = beadProgressLines(
      [bead('a', { status: 'in_progress', iteration: 2, failedIterationNotes: [note(1)] }), bead('b')],
      start.next,
    );
    expect(retry.lines).toEqual([
      'bead 1/2 a: iteration 1 failed, reset; note: Compare the password.',
      'bead 1/2 a: coding, iteration 2 — Title of a',
    ]);
    const done = beadProgressLines(
      [bead('a', { status: 'done', iteration: 2, failedIterationNotes: [note(1)] }), bead('b', { status: 'error' })],
      retry.next,
    );
    expect(done.lines).toEqual([
      'bead 1/2 a: done after 2 iteration(s) (1/2 done)',
      'bead 2/2 b: error after 1 iteration(s)',
    ]);
  });
});
