import type { RouterOutputs } from '@looptroop/core';
import { table } from '../output.ts';
import { type Command, parseIntFlag, requireArg, requireFlag, UsageError } from './context.ts';
import { resolveProjectId } from './project-ref.ts';
import { approveTicket } from './ticket-approve.ts';
import { cancelTicket } from './ticket-cancel.ts';
import { retryTicket } from './ticket-retry.ts';
import { startTicket } from './ticket-start.ts';

type Ticket = RouterOutputs['tickets']['get'];

function describeTicket(t: Ticket): string {
  return [
    `${t.id}  ${t.title}`,
    `status:   ${t.status} (${t.statusLabel})${t.previousStatus ? `, previously ${t.previousStatus}` : ''}`,
    `priority: P${t.priority}    project: ${t.projectId}    revision: ${t.workflowRevision}`,
    ...(t.branchName ? [`branch:   ${t.branchName} from ${t.baseBranch ?? '?'}`] : []),
    ...(t.errorMessage ? [`error:    ${t.errorMessage} [${t.errorCodes.join(', ')}]`] : []),
    `actions:  ${t.availableActions.join(', ') || '(none)'}`,
    ...(t.description ? ['', t.description] : []),
  ].join('\n');
}

const listTickets: Command = async (ctx) => {
  const projectId = ctx.flags.project ? await resolveProjectId(ctx, ctx.flags.project) : undefined;
  const list = await ctx.client.tickets.list.query(projectId === undefined ? undefined : { projectId });
  ctx.out.print(list, () => table(list, ['id', 'status', 'priority', 'title']));
  return 0;
};

const showTicket: Command = async (ctx) => {
  const ticket = await ctx.client.tickets.get.query({ id: requireArg(ctx, 1, 'ticket reference') });
  ctx.out.print(ticket, () => describeTicket(ticket));
  return 0;
};

const createTicket: Command = async (ctx) => {
  const { flags } = ctx;
  const title = requireFlag(flags.title, 'title');
  const projectId = await resolveProjectId(ctx, requireFlag(flags.project, 'project'));
  const priority = parseIntFlag(flags.priority, 'priority');
  const ticket = await ctx.client.tickets.create.mutate({
    projectId,
    title,
    ...(flags.description !== undefined && { description: flags.description }),
    ...(priority !== undefined && { priority }),
  });
  ctx.out.print(ticket, () => `Created ${ticket.id}: ${ticket.title}`);
  return 0;
};

const verbs: Record<string, Command> = {
  list: listTickets,
  show: showTicket,
  create: createTicket,
  start: startTicket,
  retry: retryTicket,
  approve: approveTicket,
  cancel: cancelTicket,
};

/** `tickets list | show | create | start | retry | approve | cancel`; each action lives in its own file. */
export const tickets: Command = async (ctx) => {
  const verb = ctx.args[0] ?? 'list';
  const run = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!run) throw new UsageError(`unknown tickets command "${verb}" (${Object.keys(verbs).join(', ')})`);
  return run(ctx);
};
