import { type Command, requireArg } from './context.ts';
import { printActionResult } from './ticket-action-result.ts';

/** `tickets start REF`: lock the profile and project settings and start a DRAFT ticket. Exit 1 if it blocks at once. */
export const startTicket: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  return printActionResult(ctx.out, await ctx.client.ticketActions.start.mutate({ id }));
};
