import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { createQuery, QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, type Ticket } from '../lib/trpc.ts';
import { type FakeAnswer, stubTrpc } from '../testing/fake-trpc.ts';
import { makeTicket } from '../testing/make-ticket.ts';
import { ErrorPanel } from './error-panel.tsx';

const blocked = (actions: Ticket['availableActions']) =>
  makeTicket({
    status: 'BLOCKED_ERROR',
    previousStatus: 'DRAFTING_PRD',
    availableActions: actions,
    errorMessage: 'The provider answered 429 Too Many Requests',
    errorCodes: ['PROMPT_FAILED'],
  });

const VANISHED: FakeAnswer = {
  error: 'Session ses_1 was abandoned, so it cannot be continued; use Retry',
  kind: 'conflict',
  details: { reason: 'session_not_active', sessionId: 'ses_1' },
  status: 409,
};

/** The panel as the ticket page shows it: fed by `tickets.get`, so a refresh after an action is visible. */
function renderPanel(tickets: Ticket[], action: Record<string, () => FakeAnswer>) {
  let reads = 0;
  const calls = stubTrpc({
    'tickets.get': () => ({ data: tickets[Math.min(reads++, tickets.length - 1)] }),
    ...action,
  });
  function Page() {
    const ticket = createQuery(() => ({
      queryKey: ['ticket', 'DEMO-1'],
      queryFn: () => api.tickets.get.query({ id: 'DEMO-1' }),
    }));
    return <Show when={ticket.data}>{(t) => <ErrorPanel ticket={t()} blockedIn="Drafting PRD" />}</Show>;
  }
  render(() => (
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <Page />
    </QueryClientProvider>
  ));
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('ErrorPanel actions (workflow.md §4.4)', () => {
  it('offers only Retry when the server does not offer Continue', async () => {
    renderPanel([blocked(['retry', 'cancel'])], {});
    await screen.findByText('Retry');
    expect(screen.queryByText('Continue where it stopped')).toBeNull();
    expect(screen.getByText(/new attempt/)).toBeTruthy();
  });

  it('offers Continue next to Retry, with what it does, when the server offers it', async () => {
    renderPanel([blocked(['retry', 'continue', 'cancel'])], {});
    await screen.findByText('Continue where it stopped');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Continue where it stopped', 'Retry']);
    expect(screen.getByText('Resumes the same agent session where it stopped; nothing is archived.')).toBeTruthy();
  });

  it('continues the blocked ticket by its id', async () => {
    const resumed = makeTicket({ status: 'DRAFTING_PRD', availableActions: ['cancel'] });
    const calls = renderPanel([blocked(['retry', 'continue', 'cancel'])], {
      'ticketActions.continue': () => ({
        data: { message: 'Continuing', ticketId: 'DEMO-1', status: 'DRAFTING_PRD', ticket: resumed },
      }),
    });
    fireEvent.click(await screen.findByText('Continue where it stopped'));
    await waitFor(() => expect(calls.filter((c) => c.path === 'ticketActions.continue')).toHaveLength(1));
    expect(calls.find((c) => c.path === 'ticketActions.continue')?.input).toEqual({ id: 'DEMO-1' });
    expect(calls.some((c) => c.path === 'ticketActions.retry')).toBe(false);
  });

  it('shows a refused Continue inline and reads the ticket again, which withdraws the offer', async () => {
    const calls = renderPanel([blocked(['retry', 'continue', 'cancel']), blocked(['retry', 'cancel'])], {
      'ticketActions.continue': () => VANISHED,
    });
    fireEvent.click(await screen.findByText('Continue where it stopped'));
    await waitFor(() => expect(screen.queryByText('Continue where it stopped')).toBeNull());
    expect(calls.filter((c) => c.path === 'tickets.get')).toHaveLength(2);
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
        'Session ses_1 was abandoned, so it cannot be continued; use Retry',
      ),
    );
    expect(screen.getByText('Retry')).toBeTruthy();
  });

  it('retries by its id', async () => {
    const calls = renderPanel([blocked(['retry', 'cancel'])], {
      'ticketActions.retry': () => ({
        data: { message: 'Retrying', ticketId: 'DEMO-1', status: 'DRAFTING_PRD', ticket: makeTicket() },
      }),
    });
    fireEvent.click(await screen.findByText('Retry'));
    await waitFor(() => expect(calls.find((c) => c.path === 'ticketActions.retry')?.input).toEqual({ id: 'DEMO-1' }));
  });

  it('offers Edit setup plan… only when the server does, and sends it only after the confirmation', async () => {
    const atGate = makeTicket({ status: 'WAITING_EXECUTION_SETUP_APPROVAL', availableActions: ['approve', 'cancel'] });
    const calls = renderPanel([blocked(['retry', 'edit_execution_setup_plan', 'cancel'])], {
      'executionSetup.edit': () => ({
        data: { message: 'Back', ticketId: 'DEMO-1', status: atGate.status, ticket: atGate },
      }),
    });
    fireEvent.click(await screen.findByText('Edit setup plan…'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the setup plan?' });
    fireEvent.click(within(dialog).getByText('Stay blocked'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.path === 'executionSetup.edit')).toBe(false);
    fireEvent.click(screen.getByText('Edit setup plan…'));
    fireEvent.click(within(await screen.findByRole('dialog')).getByText('Edit the setup plan'));
    await waitFor(() => expect(calls.find((c) => c.path === 'executionSetup.edit')?.input).toEqual({ id: 'DEMO-1' }));
  });

  it('does not offer Edit setup plan… for other blocked statuses', async () => {
    renderPanel([blocked(['retry', 'cancel'])], {});
    await screen.findByText('Retry');
    expect(screen.queryByText('Edit setup plan…')).toBeNull();
  });
});
