import { z } from 'zod';

// workflow.md §1.1-§1.2: the settings a phase reads, as shared vocabulary. The profile stores them with defaults,
// a project may override some, and Start freezes a subset onto the ticket (the lock).

export const GitHookPolicy = z.enum(['observe_only', 'validate_advisory', 'validate_required', 'use_native_hooks']);
export const IgnoreMode = z.enum(['repo', 'local', 'skip']);

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Numeric and enum settings: the part a project or ticket may inherit or lock. */
export const tunableShape = {
  minCouncilQuorum: int(1, 6).describe('Valid drafts needed for a council step to proceed'),
  councilResponseTimeout: int(10, 3600).describe('Seconds a model may take for one planning answer'),
  perIterationTimeout: int(0, 3600).describe('Seconds per coding or final-test attempt (0 = no deadline)'),
  executionSetupTimeout: int(0, 3600).describe('Seconds for one workspace setup attempt (0 = no deadline)'),
  interviewQuestions: int(0, 50).describe('Maximum interview questions'),
  coverageFollowUpBudgetPercent: int(0, 100).describe('Extra follow-up questions allowed, in % of the question cap'),
  maxCoveragePasses: int(1, 10).describe('Interview coverage audits'),
  maxPrdCoveragePasses: int(2, 20).describe('PRD coverage audits'),
  maxBeadsCoveragePasses: int(2, 20).describe('Bead plan coverage audits'),
  structuredRetryCount: int(0, 5).describe('Retries when a model returns malformed structured output'),
  maxIterations: int(0, 20).describe('Fresh-context retries per bead (also final-test retries)'),
  opencodeRetryLimit: int(0, 50).describe('Provider retry events tolerated before blocking'),
  opencodeRetryDelay: int(0, 3600).describe('Seconds a provider may stay in retry without progress'),
  opencodeSteps: int(0, 500).describe('Agent step cap per coding session (0 = no cap)'),
  toolInputMaxChars: int(500, 50_000).describe('Logged tool input is truncated to this many characters'),
  toolOutputMaxChars: int(1000, 100_000).describe('Logged tool output is truncated to this many characters'),
  toolErrorMaxChars: int(500, 50_000).describe('Logged tool errors are truncated to this many characters'),
  manualQaEnabled: z.boolean().describe('Pause for a manual QA checklist before the pull request'),
  gitHookPolicy: GitHookPolicy.describe("How LoopTroop's own commits treat the repository's git hooks"),
  ignoreMode: IgnoreMode.describe(
    'Where LoopTroop records its ignore rules (.gitignore, .git/info/exclude, or nowhere)',
  ),
};
export const Tunables = z.object(tunableShape);
export type Tunables = z.infer<typeof Tunables>;

const Source = z.enum(['ticket', 'project', 'profile']);

/** workflow.md §1.2: what Start writes onto the ticket, never changed afterwards. */
export const LockedSettings = z.object({
  mainImplementer: z.string(),
  mainImplementerVariant: z.string().nullable(),
  councilMembers: z.array(z.string()),
  councilMemberVariants: z.record(z.string(), z.string()),
  interviewQuestions: z.number().int(),
  coverageFollowUpBudgetPercent: z.number().int(),
  maxCoveragePasses: z.number().int(),
  maxPrdCoveragePasses: z.number().int(),
  maxBeadsCoveragePasses: z.number().int(),
  structuredRetryCount: z.number().int(),
  manualQaEnabled: z.boolean(),
  manualQaSource: Source,
  gitHookPolicy: GitHookPolicy,
  gitHookPolicySource: Source,
});
export type LockedSettings = z.infer<typeof LockedSettings>;
