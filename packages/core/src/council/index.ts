export {
  type CoverageAction,
  type CoverageDisposition,
  type CoverageDispositionInput,
  type CoverageReason,
  type CoverageRunState,
  coverageDisposition,
  coverageRunState,
  type FollowUpBudget,
  followUpBudget,
} from './coverage.ts';
export { COUNCIL_DOMAINS, type CouncilDomain, DOMAIN_LABELS } from './domain.ts';
export { type DraftRoundInput, runDrafts, type ValidDraft, validDrafts } from './drafter.ts';
export { type CouncilSpec, callMember, type MemberCallInput, type MemberCallResult } from './member-call.ts';
export { councilMembersOf } from './members.ts';
export {
  draftLabel,
  hashSeed,
  type LabelledDraft,
  labelDrafts,
  memberForLabel,
  mulberry32,
  presentDrafts,
} from './presentation.ts';
export { checkDraftQuorum, checkVoteQuorum, type DraftQuorumInput, type VoteQuorumInput } from './quorum.ts';
export { createRecordWriter, loadRecord, type RecordArtifacts, type RecordLocation } from './record-store.ts';
export { buildCouncilResult } from './result.ts';
export type { CouncilContext, CouncilDeps } from './round.ts';
export {
  describeRubric,
  MAX_CATEGORY_SCORE,
  MAX_TOTAL_SCORE,
  RUBRICS,
  type Rubric,
  type RubricCategory,
} from './rubrics.ts';
export * from './schema.ts';
export {
  type DraftScore,
  type NormalizedScorecard,
  normalizeDraftLabel,
  normalizeScorecard,
  RawScorecard,
  type Scorecard,
  type ScorecardResult,
  scorecardFormatReminder,
  scorecardSchema,
} from './scorecard.ts';
export { DISABLED_TOOLS, READ_ONLY_TOOLS } from './tools.ts';
export { runVotes, type VoteRoundDeps, type VoteRoundInput, type VoteRoundResult } from './voter.ts';
export {
  type ScoredVote,
  selectWinner,
  type WinnerErrorKind,
  type WinnerSelection,
  WinnerSelectionError,
} from './winner.ts';
