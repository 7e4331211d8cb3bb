import { describe, expect, it } from 'vitest';
import { describeChange } from './change-record.ts';

describe('describeChange', () => {
  it.each<[string, unknown, string]>([
    [
      'a PRD change names the item after the change',
      { type: 'added', item_type: 'user_story', before: null, after: { id: 'US-2-2', label: 'Idle sessions' } },
      'added user_story: US-2-2 Idle sessions',
    ],
    [
      'a removal names the item before the change',
      { type: 'removed', item_type: 'epic', before: { id: 'EPIC-3', title: 'Audit log' }, after: null },
      'removed epic: EPIC-3 Audit log',
    ],
    [
      'a bead revision carries its summary',
      { type: 'modified', id: 'session-store', title: 'Session store', summary: 'Split out expiry' },
      'modified: session-store Session store — Split out expiry',
    ],
    ['a plain string stays as it is', 'Merged two stories', 'Merged two stories'],
    ['an unknown shape falls back to its JSON', { foo: [1] }, '{"foo":[1]}'],
  ])('%s', (_name, change, expected) => {
    expect(describeChange(change)).toBe(expected);
  });
});
