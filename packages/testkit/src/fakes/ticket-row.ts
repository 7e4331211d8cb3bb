import type { TicketRow } from '@looptroop/core';
import { TICKET } from './council.ts';

/** A complete ticket row (the council's TICKET) with `values` on top: for tests that need a row, not a database. */
export const ticketRow = (values: Partial<TicketRow> = {}): TicketRow => ({ ...TICKET, ...values });

/** AUTH-1 in review on branch AUTH-1 (the fields delivery reads), `values` on top: the delivery tests' ticket. */
export const reviewTicketRow = (values: Partial<TicketRow> = {}): TicketRow =>
  ticketRow({
    id: 1,
    externalId: 'AUTH-1',
    status: 'WAITING_PR_REVIEW',
    branchName: 'AUTH-1',
    baseBranch: 'main',
    worktreePath: null,
    gitHookPolicy: 'validate_advisory',
    lockedSettings: null,
    ...values,
  });
