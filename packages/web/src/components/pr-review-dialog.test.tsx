import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../lib/trpc.ts';
import { type FakeAnswer, stubTrpc } from '../testing/fake-trpc.ts';
import { makeTicket } from '../testing/make-ticket.ts';
import { TicketActions } from './ticket-actions.tsx';

const inReview = makeTicket({ status: 'WAITING_PR_REVIEW', availableActions: ['merge', 'close_unmerged', 'cancel'] });
const NOT_AVAILABLE =
  'Delivery is not available yet in this version of LoopTroop: nothing was merged or closed, and the ticket stays in review.';
const refusal = (action: string): FakeAnswer => ({
  error: NOT_AVAILABLE,
  kind: 'conflict',
  details: { ticketId: 'DEMO-1', action },
  status: 409,
});
const done = (status: Ticket['status']): FakeAnswer => ({
  data: { message: 'Done', ticketId: 'DEMO-1', status, ticket: makeTicket({ status, availableActions: ['cancel'] }) },
});

function renderReview(handlers: Record<string, () => FakeAnswer>, mergeOffered = true) {
  const calls = stubTrpc(handlers);
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <TicketActions ticket={inReview} reviewSha={null} mergeOffered={mergeOffered} />
    </QueryClientProvider>
  ));
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('PR review actions (workflow.md §10.11)', () => {
  it('offers Merge PR & Finish and Finish Without Merge in WAITING_PR_REVIEW', () => {
    renderReview({});
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Merge PR & Finish…',
      'Finish Without Merge…',
      'Cancel…',
    ]);
  });

  it('leaves Merge PR & Finish out when the delivery cannot merge (the panel shows the command instead)', () => {
    renderReview({}, false);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Finish Without Merge…', 'Cancel…']);
  });

  it('merges only after confirmation, sending the ticket id alone', async () => {
    const calls = renderReview({ 'ticketActions.merge': () => done('CLEANING_ENV') });
    fireEvent.click(screen.getByText('Merge PR & Finish…'));
    const dialog = screen.getByRole('dialog', { name: 'Merge the pull request and finish?' });
    expect(calls).toHaveLength(0);
    expect(dialog.querySelector('textarea')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Merge PR & Finish' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(calls).toEqual([{ path: 'ticketActions.merge', input: { id: 'DEMO-1' } }]));
  });

  it('shows the 409 of a refused merge inline, and the actions can be pressed again', async () => {
    const calls = renderReview({ 'ticketActions.merge': () => refusal('merge') });
    fireEvent.click(screen.getByText('Merge PR & Finish…'));
    fireEvent.click(screen.getByRole('button', { name: 'Merge PR & Finish' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', NOT_AVAILABLE);
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Merge PR & Finish…' })).toHaveProperty('disabled', false),
    );
    expect(calls.map((c) => c.path)).toEqual(['ticketActions.merge']);
  });

  it('finishes without merge sending the trimmed reason', async () => {
    const calls = renderReview({ 'ticketActions.closeUnmerged': () => done('CLEANING_ENV') });
    fireEvent.click(screen.getByText('Finish Without Merge…'));
    screen.getByRole('dialog', { name: 'Finish without merging?' });
    fireEvent.input(screen.getByLabelText('Reason (optional)'), { target: { value: '  Shipped by hand  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Finish Without Merge' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() =>
      expect(calls).toEqual([
        { path: 'ticketActions.closeUnmerged', input: { id: 'DEMO-1', reason: 'Shipped by hand' } },
      ]),
    );
  });

  it('leaves the reason out when none is given', async () => {
    const calls = renderReview({ 'ticketActions.closeUnmerged': () => done('CLEANING_ENV') });
    fireEvent.click(screen.getByText('Finish Without Merge…'));
    fireEvent.input(screen.getByLabelText('Reason (optional)'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Finish Without Merge' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ path: 'ticketActions.closeUnmerged', input: { id: 'DEMO-1' } });
  });

  it('shows the 409 of Finish Without Merge inline', async () => {
    const calls = renderReview({ 'ticketActions.closeUnmerged': () => refusal('close_unmerged') });
    fireEvent.click(screen.getByText('Finish Without Merge…'));
    fireEvent.input(screen.getByLabelText('Reason (optional)'), { target: { value: 'Not needed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Finish Without Merge' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', NOT_AVAILABLE);
    expect(calls[0]).toEqual({ path: 'ticketActions.closeUnmerged', input: { id: 'DEMO-1', reason: 'Not needed' } });
  });

  it('sends nothing when the dialog is dismissed', () => {
    const calls = renderReview({});
    fireEvent.click(screen.getByText('Finish Without Merge…'));
    fireEvent.click(screen.getByRole('button', { name: 'Keep reviewing' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls).toHaveLength(0);
  });
});
