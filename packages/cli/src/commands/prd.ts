import { describePrdReview } from '../prd-summary.ts';
import { type Command, CommandError, requireArg, UsageError } from './context.ts';
import { approvePlan } from './plan-approve.ts';
import { editPrd } from './prd-edit.ts';

/** `prd show REF [--raw | --json]`: the PRD as a reviewer reads it, its YAML, or the whole review payload. */
const showPrd: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  if (ctx.flags.raw && ctx.out.json) throw new UsageError('use either --raw or --json');
  const review = await ctx.client.planning.review.query({ id, domain: 'prd' });
  if (ctx.out.json) {
    ctx.out.print(review);
    return 0;
  }
  if (review.raw === null) throw new CommandError(`${id} has no PRD yet (it is in ${review.ticketStatus})`);
  ctx.out.line(ctx.flags.raw ? review.raw.trimEnd() : describePrdReview(review));
  return 0;
};

const verbs: Record<string, Command> = { show: showPrd, edit: editPrd, approve: approvePlan('prd') };

/** `prd show | edit | approve`. */
export const prd: Command = async (ctx) => {
  const verb = ctx.args[0] ?? '';
  const run = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!run) throw new UsageError(`unknown prd command "${verb}" (${Object.keys(verbs).join(', ')})`);
  return run(ctx);
};
