import type { CouncilResult, MemberIssue, MemberStatus } from './schema.ts';
import type { WinnerSelection } from './winner.ts';

interface MemberRow {
  memberId: string;
  status: MemberStatus;
  error: string | null;
}

/**
 * workflow.md §5.9: the round's result. `degraded` means some configured member gave no usable draft or vote, and
 * `issues` names each such member with the step it failed in.
 */
export function buildCouncilResult(input: {
  selection: WinnerSelection;
  councilSize: number;
  drafts: readonly MemberRow[];
  voters: readonly MemberRow[];
}): CouncilResult {
  const issuesOf = (step: MemberIssue['step'], rows: readonly MemberRow[]): MemberIssue[] =>
    rows
      .filter((r) => r.status !== 'completed')
      .map((r) => ({ memberId: r.memberId, step, outcome: r.status, error: r.error }));
  const issues = [...issuesOf('draft', input.drafts), ...issuesOf('vote', input.voters)];
  const usable = (rows: readonly MemberRow[]) => rows.filter((r) => r.status === 'completed').length;
  const degraded = usable(input.drafts) < input.councilSize || usable(input.voters) < input.councilSize;
  return {
    winnerId: input.selection.winnerId,
    totals: input.selection.totals,
    tiedWith: input.selection.tiedWith,
    degraded,
    issues,
  };
}
