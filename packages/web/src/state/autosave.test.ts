import { describe, expect, it } from 'vitest';
import {
  type AutosaveEvent,
  autosaveStatus,
  autosaveText,
  clockTime,
  initialAutosave,
  needsWrite,
  reduceAutosave,
} from './autosave.ts';

const run = (...events: AutosaveEvent[]) => events.reduce(reduceAutosave, initialAutosave);
const at = '2026-11-29T12:03:04.000Z';

describe('the autosave state machine', () => {
  it.each<[string, AutosaveEvent[], string, boolean]>([
    ['nothing edited', [], 'clean', false],
    ['an edit waits for its debounced write', [{ type: 'changed' }], 'unsaved', true],
    ['the write is running', [{ type: 'changed' }, { type: 'write-started', revision: 1 }], 'saving', false],
    [
      'the draft is stored',
      [
        { type: 'changed' },
        { type: 'write-started', revision: 1 },
        { type: 'write-succeeded', revision: 1, savedAt: at, hasDraft: true },
      ],
      'saved',
      false,
    ],
    [
      'an edit made during the write still needs one',
      [
        { type: 'changed' },
        { type: 'write-started', revision: 1 },
        { type: 'changed' },
        { type: 'write-succeeded', revision: 1, savedAt: at, hasDraft: true },
      ],
      'unsaved',
      true,
    ],
    [
      'a cleared draft (edits undone, discarded or saved) is clean',
      [
        { type: 'changed' },
        { type: 'write-started', revision: 1 },
        { type: 'write-succeeded', revision: 1, savedAt: at, hasDraft: false },
      ],
      'clean',
      false,
    ],
    [
      'a failed write is reported and retried',
      [
        { type: 'changed' },
        { type: 'write-started', revision: 1 },
        { type: 'write-failed', revision: 1, message: 'offline' },
      ],
      'failed',
      true,
    ],
    ['a restored draft is already stored', [{ type: 'changed' }, { type: 'restored', savedAt: at }], 'saved', false],
  ])('%s → %s', (_, events, kind, shouldWrite) => {
    const state = run(...events);
    expect(autosaveStatus(state).kind).toBe(kind);
    expect(needsWrite(state)).toBe(shouldWrite);
  });

  it('never lets a late answer mark a newer edit as stored', () => {
    const state = run(
      { type: 'changed' },
      { type: 'changed' },
      { type: 'write-succeeded', revision: 2, savedAt: at, hasDraft: true },
      { type: 'write-succeeded', revision: 1, savedAt: at, hasDraft: true },
    );
    expect(state.savedRevision).toBe(2);
  });

  it('clears the error on the next successful write', () => {
    const state = run(
      { type: 'changed' },
      { type: 'write-failed', revision: 1, message: 'offline' },
      { type: 'write-succeeded', revision: 1, savedAt: at, hasDraft: true },
    );
    expect(state.error).toBeNull();
    expect(autosaveStatus(state)).toEqual({ kind: 'saved', savedAt: at });
  });
});

describe('the autosave status line', () => {
  it.each([
    [{ kind: 'clean' } as const, ''],
    [{ kind: 'unsaved' } as const, 'Unsaved changes'],
    [{ kind: 'saving' } as const, 'Saving…'],
    [{ kind: 'failed', message: 'offline' } as const, 'Draft not saved (offline) — retrying'],
  ])('%o reads %j', (status, text) => {
    expect(autosaveText(status)).toBe(text);
  });

  it('says when the draft was saved, on a 24-hour clock', () => {
    expect(autosaveText({ kind: 'saved', savedAt: at })).toMatch(/^Draft saved \d\d:\d\d:04$/);
    expect(clockTime(null)).toBe('');
    expect(clockTime('not a date')).toBe('');
  });
});
