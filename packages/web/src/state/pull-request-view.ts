import type { PullRequestView } from '../lib/trpc.ts';

// workflow.md §10.11 WAITING_PR_REVIEW: display helpers over the typed view core serves (`GET /tickets/{id}/pull-request`);
// the report artifacts are parsed there, once, for the page and the CLI alike.

export interface FilePatch {
  path: string;
  patch: string;
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

/** One sentence for how review ended. */
export function decisionText(decision: NonNullable<PullRequestView['decision']>): string {
  const how =
    decision.outcome === 'closed_unmerged'
      ? 'Finished without merge.'
      : decision.verified
        ? decision.alreadyMerged
          ? 'Merged by hand and verified on the base branch.'
          : 'Merged and verified on the base branch.'
        : 'Ready to merge locally.';
  return decision.reason ? `${how} Reason: ${decision.reason}` : how;
}
