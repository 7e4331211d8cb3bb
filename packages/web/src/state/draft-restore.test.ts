import { describe, expect, it } from 'vitest';
import { decideDraftRestore, readStoredDraft, type StoredDraft } from './draft-restore.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : null);
const document = { sha: 'sha-2', value: 'title: current' };
const draft = (baseSha256: string | null, value = 'title: edited'): StoredDraft<string> => ({
  baseSha256,
  value,
  savedAt: '2026-11-29T12:03:04.000Z',
});
const decide = (stored: StoredDraft<string> | null, isTouched = false) =>
  decideDraftRestore({ stored, document, isTouched, equals: (a, b) => a === b });

describe('decideDraftRestore', () => {
  it.each([
    ['no draft', 'none', null, false],
    ['a draft equal to the document', 'drop', draft('sha-1', 'title: current'), false],
    ['a draft of this version, editor untouched', 'restore', draft('sha-2'), false],
    ['a draft of this version, the user already typed', 'offer', draft('sha-2'), true],
    ['a draft of an older version', 'offer', draft('sha-1'), false],
    ['a draft without a base', 'offer', draft(null), false],
  ])('%s → %s', (_, kind, stored, isTouched) => {
    expect(decide(stored, isTouched).kind).toBe(kind);
  });

  it('flags a draft made from another version as outdated, and only that one', () => {
    expect(decide(draft('sha-1'))).toMatchObject({ kind: 'offer', isOutdated: true });
    expect(decide(draft('sha-2'), true)).toMatchObject({ kind: 'offer', isOutdated: false });
  });
});

describe('readStoredDraft', () => {
  const updatedAt = '2026-11-29T12:03:04.000Z';
  it('reads what the autosave wrote, with the server time of the write', () => {
    expect(readStoredDraft({ exists: true, data: { baseSha256: 'sha-1', value: 'x: 1' }, updatedAt }, text)).toEqual({
      baseSha256: 'sha-1',
      value: 'x: 1',
      savedAt: updatedAt,
    });
  });

  it.each([
    ['nothing stored', { exists: false, data: null, updatedAt: null }],
    ['a cleared draft', { exists: true, data: null, updatedAt }],
    ['a value of the wrong kind', { exists: true, data: { baseSha256: 'sha-1', value: 3 }, updatedAt }],
    ['something else entirely', { exists: true, data: ['x'], updatedAt }],
  ])('ignores %s', (_, state) => {
    expect(readStoredDraft(state, text)).toBeNull();
  });
});
