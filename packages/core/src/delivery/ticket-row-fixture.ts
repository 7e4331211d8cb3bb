import { TICKET } from '../council/test-fakes.ts';
import type { TicketRow } from '../tickets/store.ts';

/** Test support (imported only by *.test.ts): the council's test ticket as AUTH-1 in review, `values` on top. */
export function ticketRow(values: Partial<TicketRow>): TicketRow {
  return {
    ...TICKET,
    id: 1,
    externalId: 'AUTH-1',
    title: 'Add the feature',
    description: '',
    status: 'WAITING_PR_REVIEW',
    branchName: 'AUTH-1',
    worktreePath: null,
    gitHookPolicy: 'validate_advisory',
    ...values,
  };
}
