import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTicket } from '../testing/make-ticket.ts';
import { TicketActions } from './ticket-actions.tsx';

/** Stand in for the server: answer every tRPC call with `body` and record what was sent. */
function stubServer(body: unknown, status = 200) {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const renderActions = (ticket = makeTicket()) =>
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <TicketActions ticket={ticket} reviewSha={null} />
    </QueryClientProvider>
  ));

afterEach(() => vi.unstubAllGlobals());

describe('TicketActions', () => {
  it('renders the available actions the web can perform, and nothing else', () => {
    renderActions(makeTicket({ availableActions: ['start', 'edit_execution_setup_plan', 'cancel'] }));
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Start', 'Cancel…']);
  });

  it('leaves Retry and Continue to the error panel', () => {
    renderActions(makeTicket({ status: 'BLOCKED_ERROR', availableActions: ['retry', 'continue', 'cancel'] }));
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Cancel…']);
  });

  it("leaves Approve to the gate's own view when the panel approves", () => {
    const ticket = makeTicket({ status: 'WAITING_PRD_APPROVAL', availableActions: ['approve', 'cancel'] });
    render(() => (
      <QueryClientProvider client={new QueryClient()}>
        <TicketActions ticket={ticket} reviewSha={null} approveInPanel />
      </QueryClientProvider>
    ));
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Cancel…']);
  });

  it('cancels only after confirmation, sending both cleanup choices', async () => {
    const calls = stubServer({ result: { data: {} } });
    renderActions();
    fireEvent.click(screen.getByText('Cancel…'));
    expect(calls).toHaveLength(0);
    fireEvent.click(screen.getByLabelText(/Delete the execution log/));
    fireEvent.click(screen.getByText('Cancel ticket'));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.url).toContain('/trpc/ticketActions.cancel');
    expect(calls[0]?.body).toEqual({ id: 'DEMO-1', deleteContent: false, deleteLog: true });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("shows the server's refusal", async () => {
    stubServer(
      { error: { message: 'Ticket is already running', code: -32603, error: 'Ticket is already running' } },
      409,
    );
    renderActions();
    fireEvent.click(screen.getByText('Start'));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Ticket is already running');
  });
});

describe('TicketActions refusals across re-renders', () => {
  const refused = () =>
    stubServer({ error: { message: 'No profile yet', code: -32600, error: 'No profile yet', kind: 'conflict' } }, 409);
  const mount = (client: QueryClient, ticket: ReturnType<typeof makeTicket>) =>
    render(() => (
      <QueryClientProvider client={client}>
        <TicketActions ticket={ticket} reviewSha={null} />
      </QueryClientProvider>
    ));

  it('keeps showing a refusal when the ticket page re-renders its panels', async () => {
    refused();
    const client = new QueryClient();
    const first = mount(client, makeTicket());
    fireEvent.click(screen.getByText('Start'));
    await screen.findByRole('alert');
    first.unmount();
    mount(client, makeTicket());
    expect(screen.getByRole('alert')).toHaveProperty('textContent', 'No profile yet');
  });

  it('drops the refusal once the ticket has moved on', async () => {
    refused();
    const client = new QueryClient();
    const first = mount(client, makeTicket());
    fireEvent.click(screen.getByText('Start'));
    await screen.findByRole('alert');
    first.unmount();
    mount(
      client,
      makeTicket({ status: 'SCANNING_RELEVANT_FILES', visitedStatuses: ['DRAFT', 'SCANNING_RELEVANT_FILES'] }),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
