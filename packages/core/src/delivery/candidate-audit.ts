import { z } from 'zod';

// workflow.md §10.10 step 1: the main implementer classifies every changed file as include / exclude / review.
// An exclusion needs evidence; a file the audit does not mention is included; an unparseable audit includes
// everything. No file is ever silently dropped.

export const CandidateAuditDecision = z.enum(['include', 'exclude', 'review']);

export const CandidateAuditOutput = z.object({
  files: z.array(
    z.object({
      path: z.string().min(1),
      decision: CandidateAuditDecision,
      evidence: z.string().default(''),
    }),
  ),
});
export type CandidateAuditOutput = z.infer<typeof CandidateAuditOutput>;

export interface CandidateFileDecision {
  path: string;
  decision: z.infer<typeof CandidateAuditDecision>;
  evidence: string;
  /** Why the decision differs from the model's, when it does. */
  note: string | null;
}

/** The `candidate_file_audit` artifact. */
export interface CandidateFileAudit {
  /** `model`: the audit was parsed; `unparseable`: it was not; `not_run`: no model was asked. Both include all. */
  source: 'model' | 'unparseable' | 'not_run';
  files: CandidateFileDecision[];
  kept: string[];
  excluded: string[];
  error: string | null;
}

/** Apply an audit to the candidate's changed files (pure). */
export function applyCandidateAudit(
  changed: readonly string[],
  audit: CandidateAuditOutput | null,
  error: string | null = null,
  unparsedSource: 'unparseable' | 'not_run' = 'unparseable',
): CandidateFileAudit {
  const byPath = new Map((audit?.files ?? []).map((f) => [f.path.replace(/^\.\//, ''), f]));
  const files = changed.map((path): CandidateFileDecision => {
    const entry = byPath.get(path);
    if (!audit) return { path, decision: 'include', evidence: '', note: `audit ${unparsedSource}: included` };
    if (!entry) return { path, decision: 'include', evidence: '', note: 'not classified by the audit: included' };
    if (entry.decision === 'exclude' && !entry.evidence.trim()) {
      return { path, decision: 'review', evidence: '', note: 'exclusion without evidence: kept for review' };
    }
    return { path, decision: entry.decision, evidence: entry.evidence.trim(), note: null };
  });
  return {
    source: audit ? 'model' : unparsedSource,
    files,
    kept: files.filter((f) => f.decision !== 'exclude').map((f) => f.path),
    excluded: files.filter((f) => f.decision === 'exclude').map((f) => f.path),
    error,
  };
}
