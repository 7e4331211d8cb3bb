import { fireEvent, render, screen } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubTrpc } from '../testing/fake-trpc.ts';
import { makeTicket } from '../testing/make-ticket.ts';
import { TicketCard } from './ticket-card.tsx';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  vi.unstubAllGlobals();
});

describe('TicketCard', () => {
  it('shows the ref, priority, title, status label and project', () => {
    render(() => <TicketCard ticket={makeTicket({ priority: 2 })} project="SAMP" />);
    const card = screen.getByRole('button');
    expect(card.textContent).toContain('DEMO-1');
    expect(card.textContent).toContain('P2');
    expect(card.textContent).toContain('Add SSO login');
    expect(card.textContent).toContain('Backlog');
    expect(card.textContent).toContain('SAMP');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows completed/total beads and the ETA range while coding (§10.6 Progress UI)', async () => {
    const anchor = new Date(Date.now() - 60_000).toISOString();
    const calls = stubTrpc({
      'progress.beads': () => ({
        data: {
          ticketId: 'DEMO-1',
          status: 'CODING',
          completed: 3,
          total: 10,
          current: null,
          anchor,
          paused: false,
          eta: {
            bestMs: 11 * 60_000,
            likelyMs: 21 * 60_000,
            worstMs: 41 * 60_000,
            basis: 'history',
            samples: 4,
            perBead: { bestMs: 1, likelyMs: 3 * 60_000, worstMs: 6 * 60_000 },
          },
          implementationMs: 0,
        },
      }),
    });
    // currentBead is the bead in progress (the 4th); the card counts the done ones.
    const ticket = makeTicket({ status: 'CODING', statusLabel: 'Implementing', currentBead: 4, totalBeads: 10 });
    render(() => (
      <QueryClientProvider client={new QueryClient()}>
        <TicketCard ticket={{ ...ticket, percentComplete: 30 }} project="SAMP" />
      </QueryClientProvider>
    ));
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('30');
    expect(screen.getByTestId('card-beads').textContent).toBe('3/10 beads');
    // The range counts down from the anchor a minute ago.
    expect((await screen.findByTestId('bead-eta')).textContent).toBe('ETA ~20m (10m–40m)');
    expect(calls.map((c) => c.path)).toEqual(['progress.beads']);
  });

  it('asks for no ETA outside coding', () => {
    const calls = stubTrpc({});
    const ticket = makeTicket({ status: 'RUNNING_FINAL_TEST', totalBeads: 4, percentComplete: 100 });
    render(() => <TicketCard ticket={ticket} project="SAMP" />);
    expect(screen.getByTestId('card-beads').textContent).toBe('4/4 beads');
    expect(calls).toEqual([]);
  });

  it('flags the status of a blocked ticket', () => {
    const ticket = makeTicket({ status: 'BLOCKED_ERROR', statusLabel: 'Error' });
    render(() => <TicketCard ticket={ticket} project="SAMP" isBlocked />);
    expect(screen.getByText('Error').className).toContain('danger');
  });

  it('opens the ticket view on click', () => {
    render(() => <TicketCard ticket={makeTicket()} project="SAMP" />);
    fireEvent.click(screen.getByRole('button'));
    expect(window.location.pathname).toBe('/ticket/DEMO-1');
  });
});
