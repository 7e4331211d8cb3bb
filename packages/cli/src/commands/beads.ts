import { describeBeadPlan } from '../bead-plan.ts';
import { describeBeadStatus } from '../bead-status.ts';
import { type Command, CommandError, requireArg, UsageError } from './context.ts';
import { approvePlan } from './plan-approve.ts';

/** `beads show REF [--flow NAME] [--json]`: the plan in execution order with its dependencies and commands. */
const showBeads: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const view = await ctx.client.beads.get.query({ id, ...(ctx.flags.flow && { flow: ctx.flags.flow }) });
  if (!view.exists && !ctx.out.json) throw new CommandError(`${id} has no bead plan yet for flow ${view.flow}`);
  ctx.out.print(view, () => describeBeadPlan(view));
  return 0;
};

/** `beads status REF [--json]`: completed/total, the ETA range and each bead's live status (workflow.md §10.6). */
const beadStatus: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const [view, progress] = await Promise.all([
    ctx.client.beads.get.query({ id }),
    ctx.client.progress.beads.query({ id }),
  ]);
  if (!view.exists && !ctx.out.json) throw new CommandError(`${id} has no bead plan yet`);
  ctx.out.print({ ...progress, beads: view.beads }, () => describeBeadStatus(view, progress, Date.now()));
  return 0;
};

const verbs: Record<string, Command> = { show: showBeads, status: beadStatus, approve: approvePlan('beads') };

/** `beads show | status | approve`. */
export const beads: Command = async (ctx) => {
  const verb = ctx.args[0] ?? '';
  const run = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!run) throw new UsageError(`unknown beads command "${verb}" (${Object.keys(verbs).join(', ')})`);
  return run(ctx);
};
