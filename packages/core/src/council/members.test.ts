import { describe, expect, it } from 'vitest';
import { councilMembersOf } from './members.ts';

describe('councilMembersOf', () => {
  it('puts the main implementer first with its own variant and drops duplicates', () => {
    expect(
      councilMembersOf({
        mainImplementer: 'a/main',
        mainImplementerVariant: 'high',
        councilMembers: ['b/two', 'a/main', 'c/three', 'b/two'],
        councilMemberVariants: { 'b/two': 'low', 'a/main': 'ignored' },
      }),
    ).toEqual([
      { modelId: 'a/main', variant: 'high' },
      { modelId: 'b/two', variant: 'low' },
      { modelId: 'c/three', variant: null },
    ]);
  });

  it('falls back to the per-member variant of the main implementer', () => {
    const [mai] = councilMembersOf({
      mainImplementer: 'a/main',
      mainImplementerVariant: null,
      councilMembers: ['a/main', 'b/two'],
      councilMemberVariants: { 'a/main': 'max' },
    });
    expect(mai).toEqual({ modelId: 'a/main', variant: 'max' });
  });
});
