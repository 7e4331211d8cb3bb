import { readFile, rm } from 'node:fs/promises';
import type { RouterOutputs } from '@looptroop/core';
import { type Command, type CommandContext, CommandError, requireArg, UsageError } from './context.ts';
import { editInEditor } from './prd-edit.ts';
import { printActionResult } from './ticket-action-result.ts';

type SetupPlanView = RouterOutputs['executionSetup']['get'];
type CommandSpec = NonNullable<SetupPlanView['plan']>['workspaceProbes'][number]['command'];

/** A short reading of the plan: readiness, probes, steps and the full-project commands (workflow.md §10.3). */
function describePlan(id: string, view: SetupPlanView): string {
  const versions = view.versions.map((v) => `v${v.version}${v.state === 'archived' ? ' (archived)' : ''}`).join(', ');
  if (!view.plan)
    return `${id}: no valid setup plan in v${view.version} (${versions})\n${view.validationError ?? ''}`.trim();
  const { plan } = view;
  const text = (c: CommandSpec) => (c.kind === 'exec' ? [c.program, ...c.args].join(' ') : `[${c.shell}] ${c.script}`);
  return [
    `${id} setup plan v${view.version} (${versions}) sha256 ${view.contentSha256?.slice(0, 12)}…`,
    `Readiness: ${plan.readiness.status}${plan.readiness.actionsRequired ? ', actions required' : ''} — ${plan.summary}`,
    'Probes:',
    ...plan.workspaceProbes.map((p) => `  ${p.id}: ${text(p.command)} (${p.purpose})`),
    `Steps: ${plan.steps.length ? '' : 'none'}`,
    ...plan.steps.map((s) => `  ${s.id}: ${s.title} — ${s.commands.map(text).join(' && ')}`),
    `Full tests: ${plan.projectCommands.testFull.map(text).join(', ') || 'none found'}`,
    ...plan.cautions.map((c) => `⚠ ${c}`),
  ].join('\n');
}

const show: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const view = await ctx.client.executionSetup.get.query({ id });
  if (ctx.flags.raw && !ctx.out.json) {
    if (view.raw === null) throw new CommandError(`${id} has no setup plan yet`);
    process.stdout.write(view.raw);
    return 0;
  }
  ctx.out.print(view, () => describePlan(id, view));
  return 0;
};

/**
 * workflow.md §4.4 "Edit setup plan…": a ticket blocked in PREPARING_EXECUTION_ENV first goes back to the plan gate
 * (the server archives the failed attempt and opens a new, unapproved version); any other ticket is left as it is.
 */
export async function reopenBlockedSetupPlan(ctx: CommandContext, id: string): Promise<boolean> {
  const ticket = await ctx.client.tickets.get.query({ id });
  if (!ticket.availableActions.includes('edit_execution_setup_plan')) return false;
  const result = await ctx.client.executionSetup.edit.mutate({ id });
  ctx.out.info(`${id}: ${result.message}`);
  return true;
}

/** `setup edit REF [--file PATH]`: save raw plan JSON; the server restores backend-owned fields and checks every rule. */
const edit: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  await reopenBlockedSetupPlan(ctx, id);
  const view = await ctx.client.executionSetup.get.query({ id });
  if (!view.raw || !view.exists) throw new CommandError(`${id} has no valid setup plan to edit; regenerate it`);
  const edited = ctx.flags.file
    ? { content: await readFile(ctx.flags.file, 'utf8'), tempDir: null }
    : await editInEditor(ctx, id, view.raw, 'execution-setup-plan.json');
  if (edited.content === view.raw) {
    if (edited.tempDir) await rm(edited.tempDir, { recursive: true, force: true });
    ctx.out.info('No changes; nothing saved.');
    return 0;
  }
  const saved = await ctx.client.executionSetup.put.mutate({ id, raw: edited.content });
  if (edited.tempDir) await rm(edited.tempDir, { recursive: true, force: true });
  return printActionResult(ctx.out, saved);
};

const regenerate: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const commentary = ctx.flags.commentary?.trim();
  if (!commentary) throw new UsageError('setup regenerate needs --commentary TEXT (what to change)');
  return printActionResult(ctx.out, await ctx.client.executionSetup.regenerate.mutate({ id, commentary }));
};

/** `setup approve REF`: the hash of the version served now; the server refreshes host and hook evidence first. */
const approve: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const view = await ctx.client.executionSetup.get.query({ id });
  if (!view.contentSha256 || !view.canApprove) throw new CommandError(`${id} has no setup plan to approve right now`);
  const result = await ctx.client.ticketActions.approveExecutionSetupPlan.mutate({
    id,
    expectedContentSha256: view.contentSha256,
  });
  return printActionResult(ctx.out, result);
};

const verbs: Record<string, Command> = { show, edit, regenerate, approve };

/** `setup show | edit | regenerate | approve`. */
export const setup: Command = async (ctx) => {
  const verb = ctx.args[0] ?? '';
  const run = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!run) throw new UsageError(`unknown setup command "${verb}" (${Object.keys(verbs).join(', ')})`);
  return run(ctx);
};
