// `looptroop pr show`: the pull request of a ticket as a reviewer reads it, from the `pull_request_report` and
// `merge_report` artifacts (workflow.md §10.10 step 4, §10.11). They arrive as JSON text; read field by field.

type Json = Record<string, unknown>;

function parseObject(text: string | null | undefined): Json | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : null;
  } catch {
    return null;
  }
}

const field = (o: Json | null, key: string): string | null => {
  const value = o?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

/** A report may nest the pull request under `pullRequest` (or be the record itself). */
const pullRequestOf = (report: Json | null): Json | null =>
  parseObject(JSON.stringify(report?.pullRequest ?? null)) ?? report;

export interface PrSummaryInput {
  ticketId: string;
  status: string;
  pullRequestReport: string | null;
  mergeReport: string | null;
}

export function describePullRequest(input: PrSummaryInput): string {
  const report = parseObject(input.pullRequestReport);
  const pr = pullRequestOf(report);
  if (!pr) return `${input.ticketId} (${input.status}) has no pull request yet`;
  const number = field(pr, 'number');
  const lines = [
    `${input.ticketId} (${input.status})`,
    `  ${number ? `PR #${number}` : 'Review record'} [${field(pr, 'state') ?? 'unknown'}] ${field(pr, 'title') ?? ''}`.trimEnd(),
  ];
  const url = field(pr, 'url');
  if (url) lines.push(`  ${url}`);
  const head = field(pr, 'headSha');
  lines.push(
    `  ${field(pr, 'headBranch') ?? '?'} → ${field(pr, 'baseBranch') ?? '?'}${head ? ` at ${head.slice(0, 12)}` : ''}`,
  );
  const merge = parseObject(input.mergeReport);
  if (merge) {
    const outcome = field(merge, 'outcome') ?? 'decided';
    const reason = field(merge, 'reason');
    lines.push(`  ${outcome === 'merged' ? 'Merged' : 'Finished without merge'}${reason ? `: ${reason}` : ''}`);
    const delivery = parseObject(JSON.stringify(merge.delivery ?? null));
    const details = parseObject(JSON.stringify(delivery?.details ?? null));
    const command = field(details, 'manualCommand');
    if (command) lines.push(`  Run to update your checkout: ${command}`);
  } else if (input.status === 'WAITING_PR_REVIEW') {
    lines.push(
      `  Next: looptroop pr merge ${input.ticketId}   or   looptroop pr close ${input.ticketId} [--reason TEXT]`,
    );
  }
  return lines.join('\n');
}
