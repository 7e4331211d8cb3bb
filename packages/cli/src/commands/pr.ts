import { describePullRequest } from '../pr-summary.ts';
import { type Command, requireArg, UsageError } from './context.ts';
import { printActionResult } from './ticket-action-result.ts';

/** `pr show REF`: the pull request (or review record), its state, whether Merge is offered, how review ended. */
const showPr: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const view = await ctx.client.pullRequest.get.query({ id });
  ctx.out.print(view, () => describePullRequest(view));
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
