import { type Command, requireArg } from './context.ts';
import { printActionResult } from './ticket-action-result.ts';

/** `tickets retry REF`: a new attempt of the status a BLOCKED_ERROR ticket failed in. */
export const retryTicket: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  return printActionResult(ctx.out, await ctx.client.ticketActions.retry.mutate({ id }));
};
