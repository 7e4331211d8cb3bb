import { describe, expect, it } from 'vitest';
import { decisionText, splitPatchByFile } from './pull-request-view.ts';

const decision = {
  outcome: 'merged' as const,
  reason: null,
  decidedAt: '2026-01-01T00:00:00.000Z',
  verified: true,
  alreadyMerged: false,
  mergedCommit: 'abc',
  manualCommand: null,
};

describe('pull request view helpers', () => {
  it('splits a patch per file', () => {
    const patch = [
      'diff --git a/src/a.js b/src/a.js',
      'new file mode 100644',
      '+a',
      'diff --git a/src/b.js b/src/b.js',
      '-b',
      '+c',
      '',
    ].join('\n');
    expect(splitPatchByFile(patch)).toEqual([
      { path: 'src/a.js', patch: 'diff --git a/src/a.js b/src/a.js\nnew file mode 100644\n+a' },
      { path: 'src/b.js', patch: 'diff --git a/src/b.js b/src/b.js\n-b\n+c' },
    ]);
  });

  it('says how review ended', () => {
    expect(decisionText(decision)).toBe('Merged and verified on the base branch.');
    expect(decisionText({ ...decision, verified: false, manualCommand: 'git merge x' })).toBe(
      'Ready to merge locally.',
    );
    expect(decisionText({ ...decision, outcome: 'closed_unmerged', verified: false, reason: 'not needed' })).toBe(
      'Finished without merge. Reason: not needed',
    );
  });
});
