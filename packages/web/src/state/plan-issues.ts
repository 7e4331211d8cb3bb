import type { BeadsView } from '../lib/trpc.ts';

export type PlanIssue = BeadsView['issues'][number];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const textOrNull = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** The per-bead issues of a refused `PUT /beads` (`details.issues`, beads/schema.ts BeadIssue); [] for any other body. */
export function planIssuesOf(details: unknown): PlanIssue[] {
  if (!isRecord(details) || !Array.isArray(details.issues)) return [];
  return details.issues.flatMap((issue: unknown) =>
    isRecord(issue) && typeof issue.message === 'string'
      ? [{ beadId: textOrNull(issue.beadId), field: textOrNull(issue.field), message: issue.message }]
      : [],
  );
}

/** Issues next to the beads they name; those naming no bead of the plan (JSONL lines, `#3`) stay general. */
export function groupIssues(
  issues: readonly PlanIssue[],
  beadIds: readonly string[],
): { byBead: Map<string, PlanIssue[]>; general: PlanIssue[] } {
  const known = new Set(beadIds);
  const byBead = new Map<string, PlanIssue[]>();
  const general: PlanIssue[] = [];
  for (const issue of issues) {
    if (issue.beadId === null || !known.has(issue.beadId)) general.push(issue);
    else byBead.set(issue.beadId, [...(byBead.get(issue.beadId) ?? []), issue]);
  }
  return { byBead, general };
}

/**
 * A refused PRD save as one line per problem: zod issues as `path: message` (`details` is the issue list), a YAML
 * syntax error as its reason.
 */
export function validationLines(details: unknown): string[] {
  if (Array.isArray(details)) {
    return details.flatMap((issue: unknown) => {
      if (!isRecord(issue) || typeof issue.message !== 'string') return [];
      const path = Array.isArray(issue.path) ? issue.path.join('.') : '';
      return [path ? `${path}: ${issue.message}` : issue.message];
    });
  }
  if (isRecord(details) && typeof details.reason === 'string') return [details.reason];
  return [];
}
