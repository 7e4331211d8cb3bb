import { z } from 'zod';
import { COUNCIL_DOMAINS } from './domain.ts';

export const CouncilDomain = z.enum(COUNCIL_DOMAINS);

/** workflow.md §5.2.4: how a member's call ended. Only `completed` counts toward quorum. */
export const MemberOutcome = z.enum(['completed', 'timed_out', 'invalid_output', 'failed']);
export type MemberOutcome = z.infer<typeof MemberOutcome>;

/** A row is `pending` while its member is still running (or was interrupted by a restart). */
export const MemberStatus = z.enum(['pending', ...MemberOutcome.options]);
export type MemberStatus = z.infer<typeof MemberStatus>;

export interface CouncilMember {
  modelId: string;
  variant: string | null;
}

/** workflow.md §12.1: every answer a member gave, accepted or not, kept for diagnosis. */
export const RawAttempt = z.object({
  attempt: z.number().int().positive(),
  stage: z.enum(['initial', 'fresh']),
  outcome: z.enum(['accepted', 'rejected']),
  rawResponse: z.string(),
  sessionId: z.string().nullable(),
  validationError: z.string().optional(),
  failureClass: z.string().optional(),
});
export type RawAttempt = z.infer<typeof RawAttempt>;

export const Usage = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
  promptChars: z.number(),
});
export type Usage = z.infer<typeof Usage>;

/** workflow.md §5.2.4: per-draft counts shown in the UI. */
export const DraftMetrics = z.object({
  questionCount: z.number().int().optional(),
  epicCount: z.number().int().optional(),
  userStoryCount: z.number().int().optional(),
  beadCount: z.number().int().optional(),
  totalTestCount: z.number().int().optional(),
  totalAcceptanceCriteriaCount: z.number().int().optional(),
});
export type DraftMetrics = z.infer<typeof DraftMetrics>;

/** workflow.md §12.4: one repair or normalization applied to an accepted answer (shape of structured/ warnings). */
export const RepairWarning = z.object({
  category: z.string(),
  stage: z.string(),
  rule: z.string(),
  detail: z.string().optional(),
});
export type RepairWarning = z.infer<typeof RepairWarning>;

/** What every member row records, for drafts and votes alike (workflow.md §5.8, §5.9). */
const memberCall = {
  memberId: z.string(),
  variant: z.string().nullable(),
  status: MemberStatus,
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  failureClass: z.string().nullable(),
  sessionIds: z.array(z.string()),
  rawAttempts: z.array(RawAttempt),
  /** Repairs and normalizations of the accepted answer (workflow.md §12.4). */
  warnings: z.array(RepairWarning),
  repaired: z.boolean(),
  usage: Usage,
};

export const MemberCall = z.object(memberCall);
export type MemberCall = z.infer<typeof MemberCall>;

export const DraftMember = z.object({
  ...memberCall,
  /** The validated draft; null unless `status` is `completed`. */
  content: z.unknown().nullable(),
  metrics: DraftMetrics,
  steeredByOperator: z.boolean(),
});
export type DraftMember = z.infer<typeof DraftMember>;

export const QuorumLine = z.object({
  memberId: z.string(),
  status: MemberStatus,
  counts: z.boolean(),
  reason: z.string(),
});
export type QuorumLine = z.infer<typeof QuorumLine>;

export const QuorumResult = z.object({
  met: z.boolean(),
  required: z.number().int(),
  counted: z.number().int(),
  members: z.array(QuorumLine),
  summary: z.string(),
});
export type QuorumResult = z.infer<typeof QuorumResult>;

const roundHeader = {
  schemaVersion: z.literal(1),
  domain: CouncilDomain,
  phase: z.string(),
  phaseAttempt: z.number().int(),
  minQuorum: z.number().int(),
};

/** The drafts artifact (`<domain>_drafts`): rewritten as each member finishes; `quorum` is set when the round ends. */
export const DraftsRecord = z.object({
  ...roundHeader,
  members: z.array(DraftMember),
  quorum: QuorumResult.nullable(),
});
export type DraftsRecord = z.infer<typeof DraftsRecord>;

/** A stored draft with its content typed by the domain (the record stores it as validated JSON). */
export type TypedDraftMember<T> = Omit<DraftMember, 'content'> & { content: T | null };
export type TypedDraftsRecord<T> = Omit<DraftsRecord, 'members'> & { members: TypedDraftMember<T>[] };

/** How one voter saw the drafts: `order[i]` is the member whose draft was shown as `Draft i+1` (workflow.md §5.4). */
export const Presentation = z.object({ seed: z.string(), order: z.array(z.string()) });
export type Presentation = z.infer<typeof Presentation>;

/** One voter's score for one draft, mapped back from its `Draft N` label to the member who wrote it. */
export const DraftVote = z.object({
  draftMemberId: z.string(),
  label: z.string(),
  scores: z.record(z.string(), z.number().int()),
  totalScore: z.number().int(),
});
export type DraftVote = z.infer<typeof DraftVote>;

export const VoterMember = z.object({
  ...memberCall,
  presentation: Presentation,
  votes: z.array(DraftVote),
});
export type VoterMember = z.infer<typeof VoterMember>;

export const WinnerTotal = z.object({
  memberId: z.string(),
  totalScore: z.number().int(),
  voteCount: z.number().int(),
  rank: z.number().int(),
  inCouncil: z.boolean(),
});
export type WinnerTotal = z.infer<typeof WinnerTotal>;

export const MemberIssue = z.object({
  memberId: z.string(),
  step: z.enum(['draft', 'vote']),
  outcome: MemberStatus,
  error: z.string().nullable(),
});
export type MemberIssue = z.infer<typeof MemberIssue>;

/** workflow.md §5.5, §5.9: the winner of the round and how it was reached. */
export const CouncilResult = z.object({
  winnerId: z.string(),
  totals: z.array(WinnerTotal),
  tiedWith: z.array(z.string()),
  /** Fewer members were usable (in the draft or the vote step) than the council has. */
  degraded: z.boolean(),
  issues: z.array(MemberIssue),
});
export type CouncilResult = z.infer<typeof CouncilResult>;

/** The votes artifact (`<domain>_votes`): per-voter presentation, scores and outcome, then quorum and result. */
export const VotesRecord = z.object({
  ...roundHeader,
  /** The members whose valid drafts were put to the vote, in council order. */
  draftMemberIds: z.array(z.string()),
  voters: z.array(VoterMember),
  quorum: QuorumResult.nullable(),
  result: CouncilResult.nullable(),
});
export type VotesRecord = z.infer<typeof VotesRecord>;
