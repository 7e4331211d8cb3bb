import type { RouterOutputs } from '@looptroop/core';

// `looptroop pr show`: the pull request of a ticket as a reviewer reads it, from the typed view core serves
// (`GET /tickets/{id}/pull-request`, workflow.md §10.10 step 4, §10.11); the reports are parsed there, not here.

export type PullRequestView = RouterOutputs['pullRequest']['get'];

export function describePullRequest(view: PullRequestView): string {
  const pr = view.pullRequest;
  if (!pr) return `${view.ticketId} (${view.status}) has no pull request yet`;
  const lines = [
    `${view.ticketId} (${view.status})`,
    `  ${pr.number !== null ? `PR #${pr.number}` : 'Review record'} [${pr.state}] ${pr.title}`.trimEnd(),
  ];
  if (pr.url) lines.push(`  ${pr.url}`);
  const head = view.candidateSha ?? pr.headSha;
  lines.push(`  ${pr.headBranch} → ${pr.baseBranch}${head ? ` at ${head.slice(0, 12)}` : ''}`);
  const { decision, merge } = view;
  if (decision) {
    const how =
      decision.outcome === 'closed_unmerged'
        ? 'Finished without merge'
        : decision.alreadyMerged
          ? 'Merged by hand, verified'
          : decision.verified
            ? 'Merged, verified'
            : 'Merged';
    lines.push(`  ${how}${decision.reason ? `: ${decision.reason}` : ''}`);
    if (decision.manualCommand) lines.push(`  Run to update your checkout: ${decision.manualCommand}`);
  } else if (merge && !merge.available) {
    // Issue 14: Merge is not offered; say why and what to run instead (LoopTroop then sees the merge).
    lines.push(`  Merge is not offered: ${merge.reason ?? 'the delivery cannot merge'}`);
    if (merge.manualCommand) lines.push(`  Run: ${merge.manualCommand}`);
    lines.push(`  Or: looptroop pr close ${view.ticketId} [--reason TEXT]`);
  } else if (view.status === 'WAITING_PR_REVIEW') {
    lines.push(
      `  Next: looptroop pr merge ${view.ticketId}   or   looptroop pr close ${view.ticketId} [--reason TEXT]`,
    );
  }
  return lines.join('\n');
}
