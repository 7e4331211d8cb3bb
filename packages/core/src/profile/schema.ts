import { z } from 'zod';

// architecture.md §3.1 / workflow.md §1.1: every profile setting with its default and range.
// Spec README decision: timeouts in the API are **seconds**; we store seconds too, so nothing converts.

export const ModelId = z
  .string()
  .trim()
  .regex(/^[^/\s]+\/\S+$/, 'model ids are "provider/model"');

export const GitHookPolicy = z.enum(['observe_only', 'validate_advisory', 'validate_required', 'use_native_hooks']);
export const IgnoreMode = z.enum(['repo', 'local', 'skip']);

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Council members arrive as the seed's JSON-encoded string or a plain array (spec README decision). */
export const CouncilMembersInput = z.union([z.array(ModelId), z.string()]).transform((value, ctx) => {
  if (Array.isArray(value)) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'councilMembers must be a JSON array string of model ids' });
    return z.NEVER;
  }
  const list = z.array(ModelId).safeParse(parsed);
  if (!list.success) {
    ctx.addIssue({ code: 'custom', message: 'councilMembers must be a JSON array of "provider/model" ids' });
    return z.NEVER;
  }
  return list.data;
});

export const CouncilMemberVariantsInput = z
  .union([z.record(z.string(), z.string()), z.string()])
  .transform((value, ctx) => {
    if (typeof value !== 'string') return value;
    const parsed = z.record(z.string(), z.string()).safeParse(safeJson(value));
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'councilMemberVariants must be a JSON object of modelId → variant' });
      return z.NEVER;
    }
    return parsed.data;
  });

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

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

export const TUNABLE_DEFAULTS: Tunables = {
  minCouncilQuorum: 2,
  councilResponseTimeout: 1200,
  perIterationTimeout: 1200,
  executionSetupTimeout: 1200,
  interviewQuestions: 50,
  coverageFollowUpBudgetPercent: 20,
  maxCoveragePasses: 2,
  maxPrdCoveragePasses: 5,
  maxBeadsCoveragePasses: 5,
  structuredRetryCount: 1,
  maxIterations: 5,
  opencodeRetryLimit: 10,
  opencodeRetryDelay: 60,
  opencodeSteps: 0,
  toolInputMaxChars: 4000,
  toolOutputMaxChars: 12_000,
  toolErrorMaxChars: 6000,
  // architecture.md open point 3: Manual QA defaults to off until the feature ships; users opt in.
  manualQaEnabled: false,
  // architecture.md open point 1: the four-value enum of the code, default "Check".
  gitHookPolicy: 'validate_advisory',
  ignoreMode: 'local',
};

/** The stored profile document (everything but id and timestamps). */
export const ProfileSettings = z.object({
  mainImplementer: ModelId,
  mainImplementerVariant: z.string().min(1).nullable(),
  councilMembers: z.array(ModelId),
  councilMemberVariants: z.record(z.string(), z.string()),
  ...tunableShape,
});
export type ProfileSettings = z.infer<typeof ProfileSettings>;

export const ProfileCreateInput = z
  .object({
    mainImplementer: ModelId,
    mainImplementerVariant: z.string().min(1).nullable().optional(),
    councilMembers: CouncilMembersInput,
    councilMemberVariants: CouncilMemberVariantsInput.optional(),
    ...Tunables.partial().shape,
  })
  .strict();
export type ProfileCreateInput = z.infer<typeof ProfileCreateInput>;

export const ProfilePatchInput = ProfileCreateInput.partial().strict();
export type ProfilePatchInput = z.infer<typeof ProfilePatchInput>;

export const Profile = z.object({
  id: z.number().int(),
  mainImplementer: z.string(),
  mainImplementerVariant: z.string().nullable(),
  /** The seed's form: a JSON-encoded array string, main implementer first. */
  councilMembers: z.string(),
  councilMemberVariants: z.string(),
  ...tunableShape,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof Profile>;

export const ProfileDefaults = z.object({ defaults: Tunables });
