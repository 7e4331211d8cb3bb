import type { TicketRow } from '@looptroop/core';
import { TICKET } from './council.ts';

/** A complete ticket row (the council's TICKET) with `values` on top: for tests that need a row, not a database. */
export const ticketRow = (values: Partial<TicketRow> = {}): TicketRow => ({ ...TICKET, ...values });
