import { describeDiff } from '../bead-status.ts';
import { type Command, requireArg } from './context.ts';

/**
 * `diff REF [BEAD] [--json]`: one bead's captured code diff (GET /api/tickets/:id/beads/:beadId/diff), or without a
 * bead the ticket's net code diff against its base; the file list with +/− counts, then the unified diff.
 */
export const diff: Command = async (ctx) => {
  const id = requireArg(ctx, 0, 'ticket reference');
  const beadId = ctx.args[1];
  const result = beadId
    ? await ctx.client.diffs.bead.query({ id, beadId })
    : await ctx.client.diffs.ticket.query({ id });
  const title = beadId
    ? `${id} bead ${beadId}`
    : `${id} net diff against ${'baseBranch' in result ? result.baseBranch : 'its base'}`;
  ctx.out.print(result, () => describeDiff(result, title));
  return 0;
};
