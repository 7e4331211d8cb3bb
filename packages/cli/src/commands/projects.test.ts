import { describe, expect, it } from 'vitest';
import { describeSweep } from './projects.ts';

describe('describeSweep (projects delete-worktrees)', () => {
  it('lists what went and what could not go, with the reason', () => {
    const text = describeSweep({
      removed: [{ ticketId: 'APP-1', path: '/r/.looptroop/worktrees/APP-1' }],
      failed: [{ ticketId: 'APP-2', path: '/r/.looptroop/worktrees/APP-2', error: 'EBUSY' }],
    });
    expect(text).toBe(
      'Removed APP-1: /r/.looptroop/worktrees/APP-1\nCould not remove APP-2 (/r/.looptroop/worktrees/APP-2): EBUSY',
    );
    expect(describeSweep({ removed: [], failed: [] })).toBe('No finished ticket has a worktree left.');
  });
});
