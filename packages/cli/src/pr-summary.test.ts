import { describe, expect, it } from 'vitest';
import { describePullRequest } from './pr-summary.ts';

const pr = {
  provider: 'github',
  number: 7,
  url: 'https://github.com/acme/app/pull/7',
  state: 'draft',
  headBranch: 'AUTH-1',
  baseBranch: 'main',
  headSha: '0123456789abcdef',
  title: 'AUTH-1: Add login',
};

describe('describePullRequest', () => {
  it('shows the PR, its branches and what to do next while in review', () => {
    const text = describePullRequest({
      ticketId: 'AUTH-1',
      status: 'WAITING_PR_REVIEW',
      pullRequestReport: JSON.stringify(pr),
      mergeReport: null,
    });
    expect(text).toBe(
      [
        'AUTH-1 (WAITING_PR_REVIEW)',
        '  PR #7 [draft] AUTH-1: Add login',
        '  https://github.com/acme/app/pull/7',
        '  AUTH-1 → main at 0123456789ab',
        '  Next: looptroop pr merge AUTH-1   or   looptroop pr close AUTH-1 [--reason TEXT]',
      ].join('\n'),
    );
  });

  it('shows a review record without a number, the outcome, and the command left for the user', () => {
    const record = { ...pr, provider: 'local', number: null, url: null, state: 'open' };
    const merge = {
      outcome: 'merged',
      reason: null,
      delivery: { details: { manualCommand: 'git -C /repo merge --ff-only AUTH-1' } },
    };
    const text = describePullRequest({
      ticketId: 'AUTH-1',
      status: 'COMPLETED',
      pullRequestReport: JSON.stringify({ pullRequest: record }),
      mergeReport: JSON.stringify(merge),
    });
    expect(text).toContain('  Review record [open] AUTH-1: Add login');
    expect(text).toContain('  Merged');
    expect(text).toContain('  Run to update your checkout: git -C /repo merge --ff-only AUTH-1');
  });

  it('says when there is no pull request yet', () => {
    expect(
      describePullRequest({ ticketId: 'AUTH-1', status: 'CODING', pullRequestReport: null, mergeReport: null }),
    ).toBe('AUTH-1 (CODING) has no pull request yet');
  });
});
