import type { RouterOutputs } from '@looptroop/core';
import { table } from '../output.ts';
import { type CommandContext, intFlag, requireArg, requireFlag, UsageError } from './context.ts';

type Ticket = RouterOutputs['tickets']['get'];

const describe = (t: Ticket) =>
  [
    `${t.id}  ${t.title}`,
    `status:   ${t.status} (${t.statusLabel})${t.previousStatus ? `, previously ${t.previousStatus}` : ''}`,
    `priority: P${t.priority}    project: ${t.projectId}    revision: ${t.workflowRevision}`,
    ...(t.branchName ? [`branch:   ${t.branchName} from ${t.baseBranch ?? '?'}`] : []),
    ...(t.errorMessage ? [`error:    ${t.errorMessage} [${t.errorCodes.join(', ')}]`] : []),
    `actions:  ${t.availableActions.join(', ') || '(none)'}`,
  ].join('\n');

export async function tickets(ctx: CommandContext): Promise<number> {
  const [verb] = ctx.args;
  const { client, out } = ctx;
  switch (verb) {
    case 'list':
    case undefined: {
      const projectId = intFlag(ctx, 'project');
      const list = await client.tickets.list.query(projectId ? { projectId } : undefined);
      out.print(list, () => table(list, ['id', 'status', 'priority', 'title']));
      return 0;
    }
    case 'show': {
      const ticket = await client.tickets.get.query({ id: requireArg(ctx, 1, 'ticket reference') });
      out.print(ticket, () => describe(ticket));
      return 0;
    }
    case 'create': {
      const projectId = intFlag(ctx, 'project');
      if (!projectId) throw new UsageError('--project is required');
      const priority = intFlag(ctx, 'priority');
      const description = typeof ctx.flags.description === 'string' ? ctx.flags.description : undefined;
      const ticket = await client.tickets.create.mutate({
        projectId,
        title: requireFlag(ctx, 'title'),
        ...(description !== undefined && { description }),
        ...(priority !== undefined && { priority }),
      });
      out.print(ticket, () => `Created ${ticket.id}: ${ticket.title}`);
      return 0;
    }
    case 'start':
    case 'retry': {
      const id = requireArg(ctx, 1, 'ticket reference');
      const result =
        verb === 'start'
          ? await client.ticketActions.start.mutate({ id })
          : await client.ticketActions.retry.mutate({ id });
      out.print(result, () => `${result.message}: ${result.ticketId} is ${result.status}`);
      return result.status === 'BLOCKED_ERROR' ? 1 : 0;
    }
    case 'cancel': {
      const result = await client.ticketActions.cancel.mutate({
        id: requireArg(ctx, 1, 'ticket reference'),
        deleteContent: ctx.flags['delete-content'] === true,
        deleteLog: ctx.flags['delete-log'] === true,
      });
      out.print(result, () => `${result.message}: ${result.ticketId} is ${result.status}`);
      return 0;
    }
    case 'approve': {
      const id = requireArg(ctx, 1, 'ticket reference');
      const ticket = await client.tickets.get.query({ id });
      const meta = await client.workflow.meta.query();
      const artifactType = meta.phases.find((p) => p.status === ticket.status && p.isGate)?.reviewArtifact;
      if (!artifactType) throw new UsageError(`${id} is in ${ticket.status}; there is nothing to approve`);
      const artifacts = await client.artifacts.list.query({ id, artifactType });
      const latest = artifacts.at(-1);
      if (!latest) throw new UsageError(`${id} has no ${artifactType} to approve yet`);
      const result = await client.ticketActions.approve.mutate({ id, expectedContentSha256: latest.contentSha256 });
      out.print(result, () => `${result.message}: ${result.ticketId} is ${result.status}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown tickets command "${verb}"`);
  }
}
