import { fireEvent, render, screen } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubTrpc } from '../testing/fake-trpc.ts';
import { PullRequestPanel } from './pull-request-panel.tsx';

const artifact = (artifactType: string, content: unknown) => ({
  id: 1,
  ticketId: 'APP-1',
  phase: 'CREATING_PULL_REQUEST',
  phaseAttempt: 1,
  artifactType,
  filePath: null,
  content: JSON.stringify(content),
  contentSha256: 'x',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const patch = 'diff --git a/src/a.js b/src/a.js\n+a\ndiff --git a/src/b.js b/src/b.js\n+b\n';
const stored: Record<string, unknown> = {
  pull_request_report: {
    candidateSha: '0123456789abcdef',
    draftSource: 'model',
    pullRequest: {
      provider: 'github',
      number: 7,
      url: 'https://github.com/acme/app/pull/7',
      state: 'draft',
      title: 'Add a',
      headBranch: 'APP-1',
      baseBranch: 'main',
    },
  },
  candidate_file_audit: {
    files: [{ path: 'debug.log', decision: 'exclude', evidence: 'written by the test run', note: null }],
  },
  candidate_diff: { patch, truncated: false },
};

function renderPanel(extra: Record<string, unknown> = {}) {
  const all = { ...stored, ...extra };
  stubTrpc({
    'artifacts.list': (input) => {
      const type = typeof input === 'object' && input && 'artifactType' in input ? String(input.artifactType) : '';
      return { data: type in all ? [artifact(type, all[type])] : [] };
    },
  });
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <PullRequestPanel ticketId="APP-1" />
    </QueryClientProvider>
  ));
}

afterEach(() => vi.unstubAllGlobals());

describe('PullRequestPanel (workflow.md §10.11)', () => {
  it('shows the PR link and state, the candidate, the file audit and the net diff; By file splits it', async () => {
    renderPanel();
    const link = await screen.findByRole('link', { name: '#7' });
    expect(link.getAttribute('href')).toBe('https://github.com/acme/app/pull/7');
    expect(screen.getByTestId('pr-summary').textContent).toContain('draft');
    expect(screen.getByTestId('candidate-sha').textContent).toBe('0123456789ab');
    expect((await screen.findByTestId('file-audit')).textContent).toContain('written by the test run');
    expect((await screen.findByTestId('net-diff')).textContent).toBe(patch);
    fireEvent.click(screen.getByRole('tab', { name: 'By file' }));
    expect(screen.getAllByTestId('file-diff').map((d) => d.querySelector('summary')?.textContent)).toEqual([
      'src/a.js',
      'src/b.js',
    ]);
  });

  it('says how review ended and gives the command when the base was checked out', async () => {
    const merge = {
      outcome: 'merged',
      reason: null,
      delivery: { details: { verified: false, manualCommand: 'git -C /repo merge --ff-only APP-1' } },
    };
    renderPanel({ merge_report: merge });
    expect((await screen.findByTestId('manual-command')).textContent).toBe('git -C /repo merge --ff-only APP-1');
  });
});
