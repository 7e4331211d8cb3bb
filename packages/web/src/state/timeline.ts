/** How a phase group of the workflow stands for one ticket. */
export type StepState = 'done' | 'current' | 'blocked' | 'upcoming' | 'skipped';

export interface TimelineStep {
  id: string;
  label: string;
  state: StepState;
  /** Statuses of this group the ticket went through, in visit order. */
  visited: string[];
}

export interface TimelineInput {
  groups: readonly { id: string; label: string; statuses: readonly string[] }[];
  visitedStatuses: readonly string[];
  status: string;
  previousStatus: string | null;
  isTerminal: boolean;
  /** The ticket's status has the `error` ui view (BLOCKED_ERROR). */
  isBlocked: boolean;
}

/**
 * The phase timeline of the ticket view: one step per status group (workflow.md §3, "Group labels"). The `errors`
 * group is not a step: a BLOCKED_ERROR ticket shows as blocked on the group it stopped in (its previousStatus).
 * A terminal ticket marks the groups it never reached as skipped.
 */
export function timelineSteps(input: TimelineInput): TimelineStep[] {
  const groupOf = (status: string | null) => input.groups.find((g) => status !== null && g.statuses.includes(status));
  const blockedGroup = input.isBlocked ? groupOf(input.previousStatus)?.id : undefined;
  const currentGroup = groupOf(input.status)?.id;
  return input.groups
    .filter((group) => group.id !== 'errors')
    .map((group) => {
      const visited = [...new Set(input.visitedStatuses.filter((s) => group.statuses.includes(s)))];
      const state: StepState =
        group.id === blockedGroup
          ? 'blocked'
          : group.id === currentGroup
            ? 'current'
            : visited.length > 0
              ? 'done'
              : input.isTerminal
                ? 'skipped'
                : 'upcoming';
      return { id: group.id, label: group.label, state, visited };
    });
}
