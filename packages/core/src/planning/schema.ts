import { z } from 'zod';
import { TicketIdParam } from '../tickets/ref.ts';

// What an approval editor needs beside the document itself (issue 7): hash, coverage result, council record.

export const ReviewDomain = z.enum(['interview', 'prd', 'beads']);
export type ReviewDomain = z.infer<typeof ReviewDomain>;

export const CoveragePass = z.object({
  runNumber: z.number().int(),
  status: z.enum(['clean', 'gaps']),
  gaps: z.array(z.string()),
  /** This pass's gaps were sent to a revision (PRD and beads). */
  revised: z.boolean(),
});

export const CoverageSummary = z.object({
  passes: z.array(CoveragePass),
  maxPasses: z.number().int(),
  /** Result of the last audit. */
  status: z.enum(['clean', 'gaps']),
  /** The loop stopped on its cap with gaps left (workflow.md §5.7): they are shown at approval, never hidden. */
  limitReached: z.boolean(),
  terminationReason: z.string().nullable(),
  /** Gaps still open after the last audit. */
  gaps: z.array(z.string()),
});
export type CoverageSummary = z.infer<typeof CoverageSummary>;

export const CouncilMemberSummary = z.object({
  memberId: z.string(),
  draftStatus: z.string(),
  voteStatus: z.string().nullable(),
  totalScore: z.number().nullable(),
  rank: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const CouncilSummary = z.object({
  winnerId: z.string().nullable(),
  degraded: z.boolean(),
  members: z.array(CouncilMemberSummary),
  /** The refinement diff of the winner (workflow.md §5.6). */
  changes: z.array(z.unknown()),
});
export type CouncilSummary = z.infer<typeof CouncilSummary>;

export const ReviewInput = z.object({ id: TicketIdParam, domain: ReviewDomain });

export const PlanningReview = z.object({
  ticketId: z.string(),
  domain: ReviewDomain,
  ticketStatus: z.string(),
  /** The artifact the gate approves (`interview`, `prd`, `beads`). */
  artifactType: z.string(),
  exists: z.boolean(),
  raw: z.string().nullable(),
  /** Send this back as `expectedContentSha256` when approving. */
  contentSha256: z.string().nullable(),
  /** Candidate version: 1 after refinement, +1 per accepted coverage revision. */
  candidateVersion: z.number().int(),
  coverage: CoverageSummary.nullable(),
  council: CouncilSummary.nullable(),
  /** PRD only: the winner's Full Answers (YAML), read-only at approval (workflow.md §8.5). */
  fullAnswers: z.string().nullable(),
  /** A "Fix gaps with AI" run is working on this ticket now (approve and save answer 409 until it ends). */
  fixRunning: z.boolean(),
});
export type PlanningReview = z.infer<typeof PlanningReview>;

export const FixGapsInput = z.object({ id: TicketIdParam, domain: z.enum(['prd', 'beads']) }).strict();
export const FixGapsResult = z.object({
  /** False when there was nothing to fix (the call is then a no-op, 200). */
  started: z.boolean(),
  message: z.string(),
  /** The gaps the fix works on, as the server last stored them. */
  gaps: z.array(z.string()),
});
