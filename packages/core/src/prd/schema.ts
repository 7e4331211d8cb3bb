import { z } from 'zod';
import { TicketIdParam } from '../tickets/ref.ts';

// workflow.md §8.2: the PRD document. Two forms: the lenient one a model writes (ids may be missing or numeric,
// lists may be absent) and the canonical one the app stores and serves (no transforms, so OpenAPI can describe it).

const lenientText = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const lenientList = z
  .union([z.array(lenientText), lenientText.transform((s) => [s]), z.null()])
  .transform((v) => (v ?? []).map((s) => s.trim()).filter(Boolean))
  .default([]);
const lenientId = z.union([z.string(), z.number()]).transform(String).optional();

export const TECHNICAL_REQUIREMENT_KEYS = [
  'architecture_constraints',
  'data_model',
  'api_contracts',
  'security_constraints',
  'performance_constraints',
  'reliability_constraints',
  'error_handling_rules',
  'tooling_assumptions',
] as const;

// ---- canonical form ----

export const PrdStory = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  acceptance_criteria: z.array(z.string()).min(1),
  implementation_steps: z.array(z.string()),
  verification: z.object({ required_commands: z.array(z.string()) }),
});
export type PrdStory = z.infer<typeof PrdStory>;

export const PrdEpic = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  objective: z.string(),
  implementation_steps: z.array(z.string()),
  user_stories: z.array(PrdStory).min(1),
});
export type PrdEpic = z.infer<typeof PrdEpic>;

export const TechnicalRequirements = z.object(
  Object.fromEntries(TECHNICAL_REQUIREMENT_KEYS.map((k) => [k, z.array(z.string())])) as Record<
    (typeof TECHNICAL_REQUIREMENT_KEYS)[number],
    z.ZodArray<z.ZodString>
  >,
);

export const PrdDocument = z.object({
  schema_version: z.number().int().positive(),
  ticket_id: z.string(),
  artifact: z.literal('prd'),
  status: z.enum(['draft', 'approved']),
  source_interview: z.object({ content_sha256: z.string() }),
  product: z.object({ problem_statement: z.string(), target_users: z.array(z.string()) }),
  scope: z.object({ in_scope: z.array(z.string()), out_of_scope: z.array(z.string()) }),
  technical_requirements: TechnicalRequirements,
  epics: z.array(PrdEpic).min(1),
  risks: z.array(z.string()),
  approval: z.object({ approved_by: z.string(), approved_at: z.string() }),
});
export type PrdDocument = z.infer<typeof PrdDocument>;

// ---- model (lenient) form ----

export const ModelPrdStory = z.object({
  id: lenientId,
  title: lenientText.pipe(z.string().min(1)),
  acceptance_criteria: lenientList.pipe(z.array(z.string()).min(1)),
  implementation_steps: lenientList,
  verification: z
    .object({ required_commands: lenientList })
    .nullish()
    .transform((v) => ({ required_commands: v?.required_commands ?? [] })),
});

export const ModelPrdEpic = z.object({
  id: lenientId,
  title: lenientText.pipe(z.string().min(1)),
  objective: lenientText.default(''),
  implementation_steps: lenientList,
  user_stories: z.array(ModelPrdStory).min(1, 'every epic needs at least one fully populated user story'),
});

export const ModelPrd = z.object({
  schema_version: z.unknown().optional(),
  ticket_id: z.unknown().optional(),
  artifact: z.unknown().optional(),
  status: z.unknown().optional(),
  source_interview: z.unknown().optional(),
  product: z
    .object({ problem_statement: lenientText.default(''), target_users: lenientList })
    .default({ problem_statement: '', target_users: [] }),
  scope: z.object({ in_scope: lenientList, out_of_scope: lenientList }).default({ in_scope: [], out_of_scope: [] }),
  technical_requirements: z
    .object(Object.fromEntries(TECHNICAL_REQUIREMENT_KEYS.map((k) => [k, lenientList])))
    .nullish()
    .transform((v) => v ?? {}),
  epics: z.array(ModelPrdEpic).min(1),
  risks: lenientList,
  approval: z.unknown().optional(),
});
export type ModelPrd = z.infer<typeof ModelPrd>;

/** workflow.md §5.6: one refinement change record (`item_type` epic or user_story for the PRD, bead for beads). */
export const ChangeRecord = z.object({
  type: z.string(),
  item_type: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  inspiration: z.unknown().optional(),
});

/** REFINING_PRD (PROM12): the full PRD plus `changes`. */
export const RefinedPrd = ModelPrd.extend({ changes: z.array(z.unknown()).default([]) });

/** workflow.md §8.4 PROM13b: one resolution per coverage gap. */
export const GapResolution = z.object({
  gap: lenientText,
  action: z.enum(['updated_prd', 'updated_beads', 'already_covered', 'left_unresolved']).catch('left_unresolved'),
  rationale: lenientText.default(''),
  affected_items: z.array(z.unknown()).default([]),
});
export type GapResolution = z.infer<typeof GapResolution>;

export const RevisedPrd = RefinedPrd.extend({ gap_resolutions: z.array(GapResolution).default([]) });

/** workflow.md §5.7: the audit answer of every domain (`follow_up_questions` is always empty for PRD and beads). */
export const PlanningAudit = z.object({
  status: z.enum(['clean', 'gaps']),
  gaps: z.array(lenientText).default([]),
  follow_up_questions: z.array(z.unknown()).default([]),
});
export type PlanningAudit = z.infer<typeof PlanningAudit>;

/** `PUT /api/files/:ticketId/prd` goes through the generic files route; this is the structured save. */
export const PrdPutInput = z.object({ id: TicketIdParam, raw: z.string() }).strict();
