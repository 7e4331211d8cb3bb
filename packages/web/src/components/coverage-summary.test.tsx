import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFixGaps } from '../lib/fix-gaps.ts';
import type { StreamMessage } from '../lib/stream.ts';
import { createTicketEventHub, TicketEventsContext } from '../lib/ticket-event-hub.ts';
import type { PlanningReview } from '../lib/trpc.ts';
import { type FakeAnswer, fakeUiState, stubTrpc } from '../testing/fake-trpc.ts';
import { CoverageSummary } from './coverage-summary.tsx';

type Coverage = NonNullable<PlanningReview['coverage']>;
const GAP = 'Idle sessions are not covered.';
const capped: Coverage = {
  passes: [
    { runNumber: 1, status: 'gaps', gaps: [GAP], revised: true },
    { runNumber: 2, status: 'gaps', gaps: [GAP], revised: false },
  ],
  maxPasses: 2,
  status: 'gaps',
  limitReached: true,
  terminationReason: 'coverage_pass_limit_reached',
  gaps: [GAP],
};
const clean: Coverage = {
  ...capped,
  passes: [...capped.passes, { runNumber: 3, status: 'clean', gaps: [], revised: false }],
  status: 'clean',
  limitReached: false,
  gaps: [],
};
// the fake ui-state stamps its writes at this server time: the run's events come after it
const failure = (timestamp = '2026-11-29T12:03:05.000Z'): StreamMessage => ({
  id: 40,
  type: 'error',
  data: {
    ticketId: 'DEMO-1',
    timestamp,
    phase: 'WAITING_PRD_APPROVAL',
    message: 'Fixing the prd gaps failed: the revision did not parse',
    codes: ['FIX_GAPS_FAILED'],
  },
});

const done = (): StreamMessage => ({
  id: 41,
  type: 'needs_input',
  data: {
    ticketId: 'DEMO-1',
    timestamp: '2026-11-29T12:03:09.000Z',
    type: 'prd_approval',
    message: 'Gap fix done; coverage is clean',
  },
});

function renderCoverage(
  fixAnswer: FakeAnswer,
  seed: Record<string, unknown> = {},
  serverRunning?: () => boolean | undefined,
) {
  const ui = fakeUiState(seed);
  const calls = stubTrpc({ ...ui.handlers, 'planning.fixGaps': () => fixAnswer });
  const hub = createTicketEventHub();
  const [coverage, setCoverage] = createSignal<Coverage>(capped);
  render(() => (
    <TicketEventsContext.Provider value={hub}>
      {(() => {
        const fix = createFixGaps({
          ticketId: 'DEMO-1',
          domain: 'prd',
          coverage,
          isGate: () => true,
          ...(serverRunning && { serverRunning }),
        });
        return <CoverageSummary domain="prd" coverage={coverage()} candidateVersion={2} fix={fix} />;
      })()}
    </TicketEventsContext.Provider>
  ));
  return { calls, hub, setCoverage, store: ui.store };
}
const fixButton = () => screen.getByRole('button', { name: /Fix gaps with AI|Fixing gaps…/ });

afterEach(() => vi.unstubAllGlobals());

describe('Fix gaps with AI', () => {
  it('shows progress while the fix runs, through the new coverage pass, until the server says it is done', async () => {
    const { calls, hub, setCoverage, store } = renderCoverage({
      data: { started: true, message: 'Fixing 1 gap', gaps: [GAP] },
    });
    fireEvent.click(fixButton());
    const progress = await screen.findByText(/AI is fixing 1 gap/);
    expect(progress.closest('[data-testid=fix-gaps-progress]')?.textContent).toContain('Approve and Save wait');
    expect(fixButton()).toHaveProperty('disabled', true);
    expect(calls.find((c) => c.path === 'planning.fixGaps')?.input).toEqual({ id: 'DEMO-1', domain: 'prd' });
    await waitFor(() => expect(store.get('prd-fix-gaps')).toMatchObject({ gaps: [GAP] }));
    setCoverage(clean);
    expect(screen.queryByTestId('coverage-gaps')).toBeNull();
    expect(screen.getByTestId('fix-gaps-progress').textContent).toContain('the fix is finishing');
    hub.publish(done());
    expect((await screen.findByTestId('fix-gaps-done')).textContent).toContain('coverage is clean');
    expect(screen.queryByTestId('fix-gaps-progress')).toBeNull();
    expect(screen.queryByTestId('coverage-gaps')).toBeNull();
    await waitFor(() => expect(store.get('prd-fix-gaps')).toEqual({}));
  });

  it('shows a failure reported on the stream (FIX_GAPS_FAILED), and lets the user try again', async () => {
    const { hub } = renderCoverage({ data: { started: true, message: 'Fixing 1 gap', gaps: [GAP] } });
    fireEvent.click(fixButton());
    await screen.findByTestId('fix-gaps-progress');
    hub.publish(failure('2026-11-29T11:00:00.000Z')); // an earlier run's failure is not this one's
    expect(screen.queryByTestId('fix-gaps-error')).toBeNull();
    hub.publish(failure());
    const alert = await screen.findByTestId('fix-gaps-error');
    expect(alert.textContent).toContain('Fix gaps with AI failed.');
    expect(alert.textContent).toContain('the revision did not parse');
    expect(fixButton()).toHaveProperty('disabled', false);
  });

  it('says so when there is nothing to fix (200, started: false)', async () => {
    renderCoverage({ data: { started: false, message: 'There are no coverage gaps to fix', gaps: [] } });
    fireEvent.click(fixButton());
    expect((await screen.findByTestId('fix-gaps-done')).textContent).toContain('There are no coverage gaps to fix');
  });

  it('follows a fix that is already running (409) instead of reporting an error', async () => {
    renderCoverage({ error: 'A gap fix is already running for this ticket', kind: 'conflict', status: 409 });
    fireEvent.click(fixButton());
    await screen.findByTestId('fix-gaps-progress');
    expect(screen.queryByTestId('fix-gaps-error')).toBeNull();
  });

  it('still shows a fix that was running before a reload', async () => {
    const since = new Date(Date.now() - 5_000).toISOString();
    const coverageKey = JSON.stringify([2, 'gaps', [GAP]]);
    renderCoverage({ data: {} }, { 'prd-fix-gaps': { since, gaps: [GAP], coverageKey } });
    expect((await screen.findByTestId('fix-gaps-progress')).textContent).toContain('AI is fixing 1 gap');
  });

  it('forgets a remembered fix the server no longer runs (review fixRunning false, e.g. after a restart)', async () => {
    const since = new Date(Date.now() - 5_000).toISOString();
    const coverageKey = JSON.stringify([2, 'gaps', [GAP]]);
    const { store } = renderCoverage(
      { data: {} },
      { 'prd-fix-gaps': { since, gaps: [GAP], coverageKey } },
      () => false,
    );
    await waitFor(() => expect(store.get('prd-fix-gaps')).toEqual({}));
    expect(screen.queryByTestId('fix-gaps-progress')).toBeNull();
  });
});
