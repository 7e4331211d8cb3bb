// workflow.md §10.11 WAITING_PR_REVIEW: what the review page shows, read from the delivery artifacts
// (`pull_request_report`, `integration_report`, `candidate_file_audit`, `candidate_diff`, `merge_report`). They
// arrive as JSON text written by the server; read field by field, so an older or partial report still shows.

type Json = Record<string, unknown>;

export interface PullRequestView {
  provider: string | null;
  number: number | null;
  url: string | null;
  state: string | null;
  title: string | null;
  headBranch: string | null;
  baseBranch: string | null;
  candidateSha: string | null;
  draftSource: string | null;
}

export interface MergeView {
  outcome: 'merged' | 'closed_unmerged' | string;
  reason: string | null;
  verified: boolean;
  manualCommand: string | null;
}

export interface AuditRow {
  path: string;
  decision: string;
  evidence: string;
  note: string | null;
}

export interface FilePatch {
  path: string;
  patch: string;
}

export function parseJson(text: string | null | undefined): Json | null {
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

const obj = (value: unknown): Json | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : null;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

export function pullRequestView(reportText: string | null | undefined): PullRequestView | null {
  const report = parseJson(reportText);
  const pr = obj(report?.pullRequest);
  if (!report || !pr) return null;
  return {
    provider: str(pr.provider),
    number: num(pr.number),
    url: str(pr.url),
    state: str(pr.state),
    title: str(pr.title),
    headBranch: str(pr.headBranch),
    baseBranch: str(pr.baseBranch),
    candidateSha: str(report.candidateSha) ?? str(pr.headSha),
    draftSource: str(report.draftSource),
  };
}

export function mergeView(reportText: string | null | undefined): MergeView | null {
  const report = parseJson(reportText);
  if (!report) return null;
  const details = obj(obj(report.delivery)?.details);
  return {
    outcome: str(report.outcome) ?? 'unknown',
    reason: str(report.reason),
    verified: details?.verified === true,
    manualCommand: str(details?.manualCommand),
  };
}

export function auditRows(auditText: string | null | undefined): AuditRow[] {
  const files = parseJson(auditText)?.files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((f) => {
    const row = obj(f);
    const path = str(row?.path);
    return row && path
      ? [{ path, decision: str(row.decision) ?? 'include', evidence: str(row.evidence) ?? '', note: str(row.note) }]
      : [];
  });
}

/** Split a unified diff into one patch per file, in order (the By file view). */
export function splitPatchByFile(patch: string): FilePatch[] {
  const files: FilePatch[] = [];
  for (const chunk of patch.split(/^(?=diff --git )/m)) {
    if (!chunk.startsWith('diff --git ')) continue;
    const header = /^diff --git a\/(.+?) b\/(.+)$/m.exec(chunk);
    files.push({ path: header?.[2] ?? header?.[1] ?? '?', patch: chunk.trimEnd() });
  }
  return files;
}

/** The net patch of `candidate_diff` and whether the server cut it. */
export function candidatePatch(diffText: string | null | undefined): { patch: string; truncated: boolean } {
  const diff = parseJson(diffText);
  return { patch: str(diff?.patch) ?? '', truncated: diff?.truncated === true };
}
