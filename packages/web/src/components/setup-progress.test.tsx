import { render, screen } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubTrpc } from '../testing/fake-trpc.ts';
import { SetupProgress } from './setup-progress.tsx';

// Only the server is faked (tRPC over fetch): it holds one execution_setup_report as the setup phase writes it.

const probe = (id: string, kind: string, over: Record<string, unknown> = {}) => ({
  id,
  kind,
  command: `cmd-${id}`,
  exitCode: 0,
  timedOut: false,
  ...over,
});
const report = {
  status: 'retrying',
  budget: 3,
  retryNotes: [],
  attempts: [
    {
      attempt: 1,
      status: 'ready',
      error: 'Verification failed: workspace probe lint (cmd-lint) is not read-only: it changed src/a.js',
      probes: [
        probe('node', 'tooling'),
        probe('lint', 'workspace', { worktreeChanges: ['src/a.js'] }),
        probe('pre-commit', 'hook', { worktreeChanges: ['src/b.js'] }),
      ],
    },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('SetupProgress (workflow.md §10.5)', () => {
  it('marks a probe that changed the worktree as failed and a rewriting hook as a warning, naming the files', async () => {
    stubTrpc({
      'artifacts.list': () => ({
        data: [
          {
            id: 1,
            ticketId: 'AUTH-12',
            phase: 'PREPARING_EXECUTION_ENV',
            phaseAttempt: 1,
            artifactType: 'execution_setup_report',
            filePath: null,
            content: JSON.stringify(report),
            contentSha256: 'x',
            createdAt: '2026-12-03T00:00:00.000Z',
            updatedAt: '2026-12-03T00:00:00.000Z',
          },
        ],
      }),
    });
    render(() => (
      <QueryClientProvider client={new QueryClient()}>
        <SetupProgress ticketId="AUTH-12" />
      </QueryClientProvider>
    ));
    await screen.findByText(/attempt 1 of 3/);
    const line = (id: string) => document.querySelector(`[data-probe="${id}"]`);
    expect(line('node')?.className).toBe('check pass');
    expect(line('lint')?.className).toBe('check fail');
    expect(line('lint')?.textContent).toContain('changed src/a.js (put back)');
    expect(line('pre-commit')?.className).toBe('check warn');
    expect(screen.getByText(/is not read-only: it changed src\/a\.js/)).toBeTruthy();
  });
});
