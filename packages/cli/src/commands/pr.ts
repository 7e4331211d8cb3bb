import { describePullRequest } from '../pr-summary.ts';
import { type Command, requireArg, UsageError } from './context.ts';
import { printActionResult } from './ticket-action-result.ts';

/** The newest artifact of a type, or null (the list answers oldest first). */
async function latest(ctx: Parameters<Command>[0], id: string, artifactType: string): Promise<string | null> {
  const list = await ctx.client.artifacts.list.query({ id, artifactType });
  return list.at(-1)?.content ?? null;
}

/** `pr show REF`: the pull request (or review record), its state and the merge decision once made. */
const showPr: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const ticket = await ctx.client.tickets.get.query({ id });
  const input = {
    ticketId: ticket.externalId,
    status: ticket.status,
    pullRequestReport: await latest(ctx, id, 'pull_request_report'),
    mergeReport: await latest(ctx, id, 'merge_report'),
  };
  ctx.out.print(input, () => describePullRequest(input));
  return 0;
};

/** `pr merge REF`: Merge PR & Finish (workflow.md §10.11). */
const mergePr: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  return printActionResult(ctx.out, await ctx.client.ticketActions.merge.mutate({ id }));
};

/** `pr close REF [--reason TEXT]`: Finish Without Merge; the PR and the branch stay as they are. */
const closePr: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const reason = ctx.flags.reason;
  return printActionResult(ctx.out, await ctx.client.ticketActions.closeUnmerged.mutate({ id, reason }));
};

const verbs: Record<string, Command> = { show: showPr, merge: mergePr, close: closePr };

/** `pr show | merge | close`. */
export const pr: Command = async (ctx) => {
  const verb = ctx.args[0] ?? '';
  const run = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!run) throw new UsageError(`unknown pr command "${verb}" (${Object.keys(verbs).join(', ')})`);
  return run(ctx);
};
