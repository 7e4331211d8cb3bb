import { z } from 'zod';
import type { IntegrationReport } from './integration.ts';

// workflow.md §10.10 step 2: the model drafts the PR title and body; when it cannot (after the structured retry),
// a deterministic fallback is used, so this step never blocks. §17 point 11 leaves the schema and the fallback text
// open: a title line and a Markdown body, built only from what LoopTroop already knows.

/** GitHub allows 256 characters in a title; anything longer is cut, never refused. */
export const PR_TITLE_MAX = 256;

export const PullRequestDraft = z.object({
  title: z.string().trim().min(1).max(PR_TITLE_MAX),
  body: z.string(),
});
export type PullRequestDraft = z.infer<typeof PullRequestDraft>;

export interface FallbackInput {
  externalId: string;
  ticketTitle: string;
  ticketDescription: string;
  integration: Pick<IntegrationReport, 'files' | 'totals' | 'squashedCommits' | 'candidateSha' | 'baseBranch'>;
  /** One line from the final-test report, when there is one. */
  finalTestSummary?: string | null;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** The title and body used when the model's draft is unusable. Same input, same text. */
export function fallbackPullRequestDraft(input: FallbackInput): PullRequestDraft {
  const title = clip(`${input.externalId}: ${input.ticketTitle.trim() || 'changes'}`, PR_TITLE_MAX);
  const description = input.ticketDescription.trim();
  const { files, totals } = input.integration;
  const listed = files
    .slice(0, 50)
    .map((f) => `- \`${f.path}\` (${f.status}${f.additions === null ? '' : `, +${f.additions} −${f.deletions ?? 0}`})`);
  const more = files.length > listed.length ? [`- … and ${files.length - listed.length} more`] : [];
  const body = [
    '## Summary',
    description || input.ticketTitle.trim() || input.externalId,
    '',
    '## Changes',
    `${totals.files} file(s), +${totals.additions} −${totals.deletions}, from ${input.integration.squashedCommits} bead commit(s) squashed into ${input.integration.candidateSha.slice(0, 12)} on top of \`${input.integration.baseBranch}\`.`,
    '',
    ...listed,
    ...more,
    ...(input.finalTestSummary ? ['', '## Verification', input.finalTestSummary.trim()] : []),
    '',
    `_Drafted by LoopTroop for ${input.externalId} (fallback text: the model's draft was not usable)._`,
  ];
  return { title, body: body.join('\n') };
}
