import { render, screen } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubTrpc } from '../testing/fake-trpc.ts';
import { FinalTestReport } from './final-test-report.tsx';

const report = (attempt: number, passed: boolean, exitCode: number | null, outputTail: string) => ({
  id: attempt,
  ticketId: 'DEMO-1',
  phase: 'RUNNING_FINAL_TEST',
  phaseAttempt: 1,
  artifactType: 'final_test_report',
  filePath: null,
  contentSha256: 'x',
  createdAt: '2026-04-23T09:00:00.000Z',
  updatedAt: '2026-04-23T09:00:00.000Z',
  // CONTRACTS.md 7
  content: JSON.stringify({
    attempt,
    maxAttempts: 3,
    passed,
    summary: passed ? 'The subtraction test passes.' : 'The new test fails.',
    testFiles: ['test/sub.test.js'],
    modifiedFiles: ['test/sub.test.js'],
    commands: [
      { display: 'node --test test/sub.test.js', cwd: '.', exitCode, timedOut: false, durationMs: 1500, outputTail },
    ],
    notes: passed ? [] : ['Attempt 1 failed: expected 1, got 3.'],
  }),
});

afterEach(() => vi.unstubAllGlobals());

describe('FinalTestReport (workflow.md §10.7)', () => {
  it('shows each attempt newest first with its outcome, test files, commands and output', async () => {
    stubTrpc({
      'artifacts.list': () => ({ data: [report(1, false, 1, 'not ok 1 - sub'), report(2, true, 0, 'ok 1 - sub')] }),
    });
    render(() => (
      <QueryClientProvider client={new QueryClient()}>
        <FinalTestReport ticketId="DEMO-1" />
      </QueryClientProvider>
    ));
    await screen.findByTestId('final-test-report');
    const attempts = [...document.querySelectorAll<HTMLDetailsElement>('.final-test-attempt')];
    expect(attempts.map((a) => [a.dataset.attempt, a.open])).toEqual([
      ['2', true],
      ['1', false],
    ]);
    expect(screen.getAllByTestId('final-test-outcome').map((o) => o.textContent)).toEqual(['passed', 'failed']);
    const [passing, failing] = screen.getAllByTestId('final-test-command');
    expect(passing?.className).toContain('pass');
    expect(passing?.textContent).toContain('node --test test/sub.test.js → exit 0 (2s)');
    expect(failing?.className).toContain('fail');
    expect(failing?.textContent).toContain('not ok 1 - sub');
    expect(attempts[1]?.textContent).toContain('Attempt 1 failed: expected 1, got 3.');
    expect(attempts[0]?.textContent).toContain('test/sub.test.js');
  });

  it('renders nothing before the first attempt', async () => {
    const calls = stubTrpc({ 'artifacts.list': () => ({ data: [] }) });
    render(() => (
      <QueryClientProvider client={new QueryClient()}>
        <FinalTestReport ticketId="DEMO-1" />
      </QueryClientProvider>
    ));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.queryByTestId('final-test-report')).toBeNull();
  });
});
