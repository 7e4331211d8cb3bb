import { fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTicket } from '../testing/make-ticket.ts';
import { TicketCard } from './ticket-card.tsx';

afterEach(() => window.history.replaceState(null, '', '/'));

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

  it('shows bead progress while coding', () => {
    const ticket = makeTicket({ status: 'CODING', statusLabel: 'Implementing', currentBead: 3, totalBeads: 10 });
    render(() => <TicketCard ticket={{ ...ticket, percentComplete: 30 }} project="SAMP" />);
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('30');
    expect(screen.getByText('Bead 3/10')).toBeTruthy();
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
