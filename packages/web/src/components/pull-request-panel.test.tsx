import { fireEvent, render, screen } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PullRequestView } from '../lib/trpc.ts';
import { stubTrpc } from '../testing/fake-trpc.ts';
import { PullRequestPanel } from './pull-request-panel.tsx';

const patch = 'diff --git a/src/a.js b/src/a.js\n+a\ndiff --git a/src/b.js b/src/b.js\n+b\n';

/** What `GET /tickets/APP-1/pull-request` answers for a GitHub draft PR in review. */
const inReview: PullRequestView = {
  ticketId: 'APP-1',
  status: 'WAITING_PR_REVIEW',
  pullRequest: {
    provider: 'github',
    number: 7,
    url: 'https://github.com/acme/app/pull/7',
    state: 'draft',
    headBranch: 'APP-1',
    baseBranch: 'main',
    headSha: '0123456789abcdef',
    title: 'Add a',
    body: 'b',
    createdAt: null,
    updatedAt: null,
    mergeCommitSha: null,
  },
  candidateSha: '0123456789abcdef',
  draftSource: 'model',
  draftError: null,
  fileAudit: [{ path: 'debug.log', decision: 'exclude', evidence: 'written by the test run', note: null }],
  diff: { patch, truncated: false },
  merge: { available: true, reason: null, manualCommand: null },
  decision: null,
};

function renderPanel(view: PullRequestView) {
  const calls = stubTrpc({ 'pullRequest.get': () => ({ data: view }) });
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <PullRequestPanel ticketId="APP-1" />
    </QueryClientProvider>
  ));
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('PullRequestPanel (workflow.md §10.11)', () => {
  it('shows the PR link and state, the candidate, the file audit and the net diff; By file splits it', async () => {
    const calls = renderPanel(inReview);
    const link = await screen.findByRole('link', { name: '#7' });
    expect(calls.map((c) => c.path)).toEqual(['pullRequest.get']);
    expect(link.getAttribute('href')).toBe('https://github.com/acme/app/pull/7');
    expect(screen.getByTestId('pr-summary').textContent).toContain('draft');
    expect(screen.getByTestId('candidate-sha').textContent).toBe('0123456789ab');
    expect((await screen.findByTestId('file-audit')).textContent).toContain('written by the test run');
    expect((await screen.findByTestId('net-diff')).textContent).toBe(patch);
    expect(screen.queryByTestId('merge-unavailable')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'By file' }));
    expect(screen.getAllByTestId('file-diff').map((d) => d.querySelector('summary')?.textContent)).toEqual([
      'src/a.js',
      'src/b.js',
    ]);
  });

  it('says why Merge is not offered and shows the exact command instead (no remote, main checked out)', async () => {
    const command = 'git -C /repo merge --ff-only APP-1';
    renderPanel({
      ...inReview,
      pullRequest: inReview.pullRequest && { ...inReview.pullRequest, provider: 'local', number: null, url: null },
      merge: { available: false, reason: 'main is checked out, and LoopTroop never moves it.', manualCommand: command },
    });
    expect((await screen.findByTestId('merge-unavailable')).textContent).toContain('main is checked out');
    expect(screen.getByTestId('manual-command').textContent).toBe(command);
    expect(screen.getByTestId('pr-summary').textContent).toContain('LoopTroop review record');
  });

  it('says how review ended: a hand merge verified by LoopTroop', async () => {
    renderPanel({
      ...inReview,
      status: 'COMPLETED',
      merge: null,
      decision: {
        outcome: 'merged',
        reason: null,
        decidedAt: '2026-01-01T00:00:00.000Z',
        verified: true,
        alreadyMerged: true,
        mergedCommit: '0123456789abcdef',
        manualCommand: null,
      },
    });
    expect((await screen.findByTestId('merge-outcome')).textContent).toBe(
      'Merged by hand and verified on the base branch.',
    );
  });
});
