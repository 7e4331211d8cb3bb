import { z } from 'zod';
import { Artifact } from '../artifacts/schema.ts';
import { TicketIdParam } from '../tickets/ref.ts';

// api-reference.txt `GET /api/tickets/:id/beads/:beadId/diff` and workflow.md §10.6 "Progress UI": a diff is served as
// its unified text plus the stats a viewer lists (files with additions and deletions, totals).

export const DiffFile = z.object({
  path: z.string(),
  /** The path before a rename or copy; null otherwise. */
  oldPath: z.string().nullable(),
  /** git's status letter: A added, M modified, D deleted, R renamed, C copied. */
  status: z.enum(['A', 'M', 'D', 'R', 'C']),
  /** Null for a binary file (git counts no lines there). */
  additions: z.number().int().nullable(),
  deletions: z.number().int().nullable(),
  binary: z.boolean(),
});
export type DiffFile = z.infer<typeof DiffFile>;

export const DiffStats = z.object({
  files: z.array(DiffFile),
  additions: z.number().int(),
  deletions: z.number().int(),
});
export type DiffStats = z.infer<typeof DiffStats>;

/**
 * A bead id as it crosses the API edge. It names an artifact (`bead_diff:{beadId}`) and, in the coding phase, paths
 * under `.ticket/`, so it is refused with a 400 when it could climb out of a folder (architecture.md "Path traversal").
 */
export const BeadIdParam = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => !id.includes('..'), 'A bead id must not contain ".."')
  .refine((id) => !/[/\\]/.test(id), 'A bead id must not contain a slash or backslash')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  .refine((id) => !/[\u0000-\u001f\u007f]/.test(id), 'A bead id must not contain control characters')
  .describe('Bead id, e.g. api-refresh-endpoint');

export const BeadDiffInput = z.object({ id: TicketIdParam, beadId: BeadIdParam });

/** The latest `bead_diff:{beadId}` artifact (api-reference.txt's artifact shape) with its stats. */
export const BeadDiff = Artifact.extend({ beadId: z.string() }).merge(DiffStats);
export type BeadDiff = z.infer<typeof BeadDiff>;

export const TicketDiffInput = z.object({ id: TicketIdParam });

/** The whole ticket's net code diff: its branch against the merge base with the base branch, `.ticket/` excluded. */
export const TicketDiff = DiffStats.extend({
  ticketId: z.string(),
  baseBranch: z.string(),
  mergeBase: z.string(),
  head: z.string(),
  /** Unified diff text, cut when very large (`truncated` says so; stats then cover the part served). */
  content: z.string(),
  truncated: z.boolean(),
  /** `worktree`: computed live from git; `candidate_diff`: the worktree is gone, the PR's recorded diff is served. */
  source: z.enum(['worktree', 'candidate_diff']),
});
export type TicketDiff = z.infer<typeof TicketDiff>;
