import { type Command, requireArg } from './context.ts';
import { printActionResult } from './ticket-action-result.ts';

/** `tickets cancel REF [--delete-content --delete-log]`. */
export const cancelTicket: Command = async (ctx) => {
  const result = await ctx.client.ticketActions.cancel.mutate({
    id: requireArg(ctx, 1, 'ticket reference'),
    deleteContent: ctx.flags['delete-content'] === true,
    deleteLog: ctx.flags['delete-log'] === true,
  });
  printActionResult(ctx.out, result);
  return 0;
};
