import { conflict } from '../errors.ts';

// workflow.md §4.5 CANCEL: once a ticket is canceled, work that was still running for it (a phase finishing late, a
// model reply that arrives after the abort) must not land. Cancel closes the fence first; the artifact and log
// writers consult it. CANCELED is terminal, so a closed fence never opens again.

export interface WriteFence {
  close(ticketId: number): void;
  isClosed(ticketId: number): boolean;
  /** Throws 409 for a closed ticket: the late writer stops there. */
  assertOpen(ticket: { id: number; externalId: string }): void;
}

export function createWriteFence(): WriteFence {
  const closed = new Set<number>();
  return {
    close: (ticketId) => void closed.add(ticketId),
    isClosed: (ticketId) => closed.has(ticketId),
    assertOpen(ticket) {
      if (closed.has(ticket.id)) {
        throw conflict(`${ticket.externalId} was canceled; late work for it is not recorded`, {
          ticketId: ticket.externalId,
        });
      }
    },
  };
}
