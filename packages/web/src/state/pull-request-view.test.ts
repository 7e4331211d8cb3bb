import { describe, expect, it } from 'vitest';
import { auditRows, candidatePatch, mergeView, pullRequestView, splitPatchByFile } from './pull-request-view.ts';

const report = JSON.stringify({
  candidateSha: 'abc123',
  draftSource: 'fallback',
  pullRequest: {
    provider: 'github',
    number: 7,
    url: 'https://github.com/acme/app/pull/7',
    state: 'draft',
    title: 'T',
    headBranch: 'APP-1',
    baseBranch: 'main',
    headSha: 'abc123',
  },
});

describe('pull request view', () => {
  it('reads the pull request report', () => {
    expect(pullRequestView(report)).toEqual({
      provider: 'github',
      number: 7,
      url: 'https://github.com/acme/app/pull/7',
      state: 'draft',
      title: 'T',
      headBranch: 'APP-1',
      baseBranch: 'main',
      candidateSha: 'abc123',
      draftSource: 'fallback',
    });
    expect(pullRequestView('not json')).toBeNull();
    expect(pullRequestView(null)).toBeNull();
  });

  it('reads the merge report, with the command left for the user', () => {
    const merged = {
      outcome: 'merged',
      reason: null,
      delivery: { details: { verified: false, manualCommand: 'git -C /r merge --ff-only APP-1' } },
    };
    expect(mergeView(JSON.stringify(merged))).toEqual({
      outcome: 'merged',
      reason: null,
      verified: false,
      manualCommand: 'git -C /r merge --ff-only APP-1',
    });
  });

  it('reads the file audit, skipping malformed rows', () => {
    const audit = {
      files: [{ path: 'a.js', decision: 'exclude', evidence: 'a log', note: null }, { decision: 'include' }, 'x'],
    };
    expect(auditRows(JSON.stringify(audit))).toEqual([
      { path: 'a.js', decision: 'exclude', evidence: 'a log', note: null },
    ]);
  });

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
    expect(candidatePatch(JSON.stringify({ patch, truncated: true }))).toEqual({ patch, truncated: true });
  });
});
