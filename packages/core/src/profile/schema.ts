import { z } from 'zod';
import { Tunables, tunableShape } from '../lifecycle/settings.ts';

// The settings vocabulary every phase reads lives in the leaf folder lifecycle/; the profile owns its defaults.
export { GitHookPolicy, IgnoreMode, Tunables, tunableShape } from '../lifecycle/settings.ts';

// architecture.md §3.1 / workflow.md §1.1: every profile setting with its default and range.
// Spec README decision: timeouts in the API are **seconds**; we store seconds too, so nothing converts.

export const ModelId = z
  .string()
  .trim()
  .regex(/^[^/\s]+\/\S+$/, 'model ids are "provider/model"');

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
