import type { ProfileInput } from '../lib/trpc.ts';

/** The numeric profile settings as the configuration dialog shows them (ranges match the server's validation). */
export const NUMERIC_SETTINGS = [
  {
    key: 'minCouncilQuorum',
    label: 'Council quorum',
    min: 1,
    max: 6,
    help: 'Valid drafts needed for a council step to proceed',
  },
  {
    key: 'councilResponseTimeout',
    label: 'AI response timeout (s)',
    min: 10,
    max: 3600,
    help: 'Seconds a model may take for one planning answer',
  },
  {
    key: 'perIterationTimeout',
    label: 'Coding attempt timeout (s)',
    min: 0,
    max: 3600,
    help: 'Per coding or final-test attempt; 0 = no deadline',
  },
  {
    key: 'executionSetupTimeout',
    label: 'Setup timeout (s)',
    min: 0,
    max: 3600,
    help: 'One workspace setup attempt; 0 = no deadline',
  },
  { key: 'interviewQuestions', label: 'Max interview questions', min: 0, max: 50, help: 'Upper bound, not a target' },
  {
    key: 'coverageFollowUpBudgetPercent',
    label: 'Follow-up budget (%)',
    min: 0,
    max: 100,
    help: 'Extra questions allowed, in % of the question cap',
  },
  { key: 'maxCoveragePasses', label: 'Interview coverage passes', min: 1, max: 10, help: 'Total interview audits' },
  { key: 'maxPrdCoveragePasses', label: 'PRD coverage passes', min: 2, max: 20, help: 'Total PRD audits' },
  {
    key: 'maxBeadsCoveragePasses',
    label: 'Bead plan coverage passes',
    min: 2,
    max: 20,
    help: 'Total bead-plan audits',
  },
  {
    key: 'structuredRetryCount',
    label: 'Structured output retries',
    min: 0,
    max: 5,
    help: 'Retries when a model answers malformed output',
  },
  {
    key: 'maxIterations',
    label: 'Max bead retries',
    min: 0,
    max: 20,
    help: 'Fresh-context retries per bead (and final test)',
  },
  {
    key: 'opencodeRetryLimit',
    label: 'Provider retry limit',
    min: 0,
    max: 50,
    help: 'Provider retry events tolerated before blocking',
  },
  {
    key: 'opencodeRetryDelay',
    label: 'Retry grace window (s)',
    min: 0,
    max: 3600,
    help: 'How long a provider may stay in retry',
  },
  { key: 'opencodeSteps', label: 'Agent step cap', min: 0, max: 500, help: 'Steps per coding session; 0 = no cap' },
  {
    key: 'toolInputMaxChars',
    label: 'Tool input log cap',
    min: 500,
    max: 50000,
    help: 'Characters of tool input kept in logs',
  },
  {
    key: 'toolOutputMaxChars',
    label: 'Tool output log cap',
    min: 1000,
    max: 100000,
    help: 'Characters of tool output kept in logs',
  },
  {
    key: 'toolErrorMaxChars',
    label: 'Tool error log cap',
    min: 500,
    max: 50000,
    help: 'Characters of tool errors kept in logs',
  },
] as const;

export type NumericKey = (typeof NUMERIC_SETTINGS)[number]['key'];

type GitHookPolicy = NonNullable<ProfileInput['gitHookPolicy']>;
type IgnoreMode = NonNullable<ProfileInput['ignoreMode']>;

/** workflow.md §10.13: how LoopTroop's own commits treat the repository's git hooks. */
export const GIT_HOOK_POLICIES: readonly { value: GitHookPolicy; label: string }[] = [
  { value: 'observe_only', label: 'Observe: hooks bypassed, validations skipped' },
  { value: 'validate_advisory', label: 'Check: run the validations, a failure is a warning' },
  { value: 'validate_required', label: 'Require: run the validations, a failure blocks' },
  { value: 'use_native_hooks', label: 'Run: native hooks run inside git operations' },
];

/** architecture.md §2.1: where LoopTroop records its ignore rules. */
export const IGNORE_MODES: readonly { value: IgnoreMode; label: string }[] = [
  { value: 'local', label: '.git/info/exclude (local only)' },
  { value: 'repo', label: '.gitignore (committed)' },
  { value: 'skip', label: 'Nowhere (you handle it)' },
];
