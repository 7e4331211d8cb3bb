import { type Command, CommandError, requireArg } from './context.ts';
import { printActionResult } from './ticket-action-result.ts';

/**
 * `tickets approve REF`: approve the artifact the ticket's current gate reviews. The latest version's sha256 goes
 * with the request, so an artifact that changed since it was read is refused rather than approved unseen.
 */
export const approveTicket: Command = async (ctx) => {
  const id = requireArg(ctx, 1, 'ticket reference');
  const [ticket, meta] = await Promise.all([ctx.client.tickets.get.query({ id }), ctx.client.workflow.meta.query()]);
  const gate = meta.phases.find((phase) => phase.status === ticket.status && phase.isGate);
  const artifactType = gate?.reviewArtifact;
  if (!artifactType) throw new CommandError(`${id} is in ${ticket.status}; there is nothing to approve`);
  const latest = (await ctx.client.artifacts.list.query({ id, artifactType })).at(-1);
  if (!latest) throw new CommandError(`${id} has no ${artifactType} to approve yet`);
  const result = await ctx.client.ticketActions.approve.mutate({ id, expectedContentSha256: latest.contentSha256 });
  return printActionResult(ctx.out, result);
};
