import { type Command, CommandError, requireArg } from './context.ts';
import { printActionResult } from './ticket-action-result.ts';

const DOCUMENTS = {
  prd: { name: 'PRD', gate: 'WAITING_PRD_APPROVAL' },
  beads: { name: 'bead plan', gate: 'WAITING_BEADS_APPROVAL' },
} as const;

/**
 * `prd approve REF` and `beads approve REF`: approve the document's current version. The hash comes from the review
 * the server serves right now, so a version saved since anyone looked is approved only as that version (the server
 * refuses a stale hash with a 409 anyway). Open coverage gaps are repeated first: approving accepts them.
 */
export function approvePlan(domain: keyof typeof DOCUMENTS): Command {
  return async (ctx) => {
    const id = requireArg(ctx, 1, 'ticket reference');
    const review = await ctx.client.planning.review.query({ id, domain });
    if (!review.contentSha256) {
      throw new CommandError(`${id} has no ${DOCUMENTS[domain].name} to approve yet (it is in ${review.ticketStatus})`);
    }
    // Away from the gate the server refuses, and says why; the gaps are news only to someone about to approve.
    const gaps = review.ticketStatus === DOCUMENTS[domain].gate ? (review.coverage?.gaps ?? []) : [];
    if (gaps.length)
      ctx.out.info(`Approving with ${gaps.length} open coverage gap(s):\n${gaps.map((g) => `  ⚠ ${g}`).join('\n')}`);
    // §8.5 approve with gaps: the reason is kept on the approval receipt beside the open gaps.
    const reason = ctx.flags.reason?.trim();
    const input = { id, expectedContentSha256: review.contentSha256, ...(reason && { reason }) };
    const result =
      domain === 'prd'
        ? await ctx.client.ticketActions.approvePrd.mutate(input)
        : await ctx.client.ticketActions.approveBeads.mutate(input);
    return printActionResult(ctx.out, result);
  };
}
