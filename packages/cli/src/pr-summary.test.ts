import { describe, expect, it } from 'vitest';
import { describePullRequest, type PullRequestView } from './pr-summary.ts';

const inReview: PullRequestView = {
  ticketId: 'AUTH-1',
  status: 'WAITING_PR_REVIEW',
  pullRequest: {
    provider: 'github',
    number: 7,
    url: 'https://github.com/acme/app/pull/7',
    state: 'draft',
    headBranch: 'AUTH-1',
    baseBranch: 'main',
    headSha: '0123456789abcdef',
    title: 'AUTH-1: Add login',
    body: '',
    createdAt: null,
    updatedAt: null,
    mergeCommitSha: null,
  },
  candidateSha: '0123456789abcdef',
  draftSource: 'fallback',
  draftError: null,
  fileAudit: [],
  diff: null,
  merge: { available: true, reason: null, manualCommand: null },
  decision: null,
};

const local = (view: PullRequestView): PullRequestView => ({
  ...view,
  pullRequest: view.pullRequest && { ...view.pullRequest, provider: 'local', number: null, url: null, state: 'open' },
});

describe('describePullRequest', () => {
  it('shows the PR, its branches and what to do next while in review', () => {
    expect(describePullRequest(inReview)).toBe(
      [
        'AUTH-1 (WAITING_PR_REVIEW)',
        '  PR #7 [draft] AUTH-1: Add login',
        '  https://github.com/acme/app/pull/7',
        '  AUTH-1 → main at 0123456789ab',
        '  Next: looptroop pr merge AUTH-1   or   looptroop pr close AUTH-1 [--reason TEXT]',
      ].join('\n'),
    );
  });

  it('offers the exact command instead of merge when the delivery cannot merge (no remote, main checked out)', () => {
    const command = 'git -C /repo merge --ff-only AUTH-1';
    const text = describePullRequest({
      ...local(inReview),
      merge: { available: false, reason: 'main is checked out', manualCommand: command },
    });
    expect(text).toContain('  Review record [open] AUTH-1: Add login');
    expect(text).toContain('  Merge is not offered: main is checked out');
    expect(text).toContain(`  Run: ${command}`);
    expect(text).not.toContain('looptroop pr merge');
  });

  it('shows how review ended and the command left for the user', () => {
    const text = describePullRequest({
      ...local(inReview),
      status: 'COMPLETED',
      merge: null,
      decision: {
        outcome: 'merged',
        reason: null,
        decidedAt: '2026-01-01T00:00:00.000Z',
        verified: false,
        alreadyMerged: false,
        mergedCommit: null,
        manualCommand: 'git -C /repo merge --ff-only AUTH-1',
      },
    });
    expect(text).toContain('  Merged');
    expect(text).toContain('  Run to update your checkout: git -C /repo merge --ff-only AUTH-1');
  });

  it('says when there is no pull request yet', () => {
    expect(describePullRequest({ ...inReview, status: 'CODING', pullRequest: null, merge: null })).toBe(
      'AUTH-1 (CODING) has no pull request yet',
    );
  });
});
