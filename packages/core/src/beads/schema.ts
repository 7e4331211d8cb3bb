import { z } from 'zod';
import { TicketIdParam } from '../tickets/ref.ts';

// workflow.md §9: the semantic blueprint a council drafts (§9.1) and the execution bead record the app hydrates
// after expansion (§9.3, §9.4). Canonical forms have no transforms so OpenAPI can describe them.

const lenientText = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const lenientList = z
  .union([z.array(lenientText), lenientText.transform((s) => [s]), z.null()])
  .transform((v) => (v ?? []).map((s) => s.trim()).filter(Boolean))
  .default([]);

export const ContextGuidance = z.object({ patterns: z.array(z.string()), anti_patterns: z.array(z.string()) });
export type ContextGuidance = z.infer<typeof ContextGuidance>;

/** The fields the blueprint owns; expansion must copy them unchanged (§9.3). */
export const BlueprintBead = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  prdRefs: z.array(z.string()),
  description: z.string(),
  contextGuidance: ContextGuidance,
  acceptanceCriteria: z.array(z.string()).min(1),
  tests: z.array(z.string()).min(1),
  testCommands: z.array(z.string()),
  testCommandReason: z.string().optional(),
});
export type BlueprintBead = z.infer<typeof BlueprintBead>;

export const BlueprintDocument = z.object({ beads: z.array(BlueprintBead).min(1) });
export type BlueprintDocument = z.infer<typeof BlueprintDocument>;

/** §9.1: a string `contextGuidance` becomes `{patterns, anti_patterns}`. */
function splitGuidance(value: string): ContextGuidance {
  const match = /anti[-_ ]?patterns?\s*:/i.exec(value);
  const head = match ? value.slice(0, match.index) : value;
  const tail = match ? value.slice(match.index + match[0].length) : '';
  const clean = (s: string) => s.replace(/^\s*patterns?\s*:/i, '').trim();
  return { patterns: clean(head) ? [clean(head)] : [], anti_patterns: tail.trim() ? [tail.trim()] : [] };
}

export const ModelBlueprintBead = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  title: lenientText.pipe(z.string().min(1)),
  prdRefs: lenientList,
  description: lenientText.default(''),
  contextGuidance: z
    .union([lenientText.transform(splitGuidance), z.object({ patterns: lenientList, anti_patterns: lenientList })])
    .default({ patterns: [], anti_patterns: [] }),
  acceptanceCriteria: lenientList.pipe(z.array(z.string()).min(1, 'acceptanceCriteria must not be empty')),
  tests: lenientList.pipe(z.array(z.string()).min(1, 'tests must not be empty')),
  testCommands: lenientList,
  testCommandReason: lenientText.optional(),
});
export type ModelBlueprintBead = z.infer<typeof ModelBlueprintBead>;

/** §9.1 accepted wrapper keys; the parser's root keys list them all and `normalizeBlueprint` folds them to `beads`. */
export const BLUEPRINT_WRAPPERS = ['beads', 'tasks', 'items', 'issues', 'workitems', 'work_items'] as const;

export const ModelBlueprint = z
  .object(Object.fromEntries(BLUEPRINT_WRAPPERS.map((k) => [k, z.array(ModelBlueprintBead).optional()])))
  .transform((doc) => BLUEPRINT_WRAPPERS.map((k) => doc[k]).find((list) => list?.length) ?? [])
  .pipe(z.array(z.custom<ModelBlueprintBead>()).min(1, 'the blueprint has no beads'))
  .transform((beads) => ({ beads }));

export const RefinedBlueprint = z.object({
  beads: z.array(ModelBlueprintBead).min(1),
  changes: z.array(z.unknown()).default([]),
});

export const RevisedBlueprint = RefinedBlueprint.extend({
  gap_resolutions: z.array(z.unknown()).default([]),
});

// ---- execution record (§9.4) ----

export const BeadStatus = z.enum(['pending', 'in_progress', 'done', 'error']);
export type BeadStatus = z.infer<typeof BeadStatus>;

export const BeadNote = z.object({
  timestamp: z.string(),
  iteration: z.number().int(),
  content: z.string(),
  errorCode: z.string().optional(),
});

export const Bead = BlueprintBead.extend({
  priority: z.number().int().positive(),
  status: BeadStatus,
  issueType: z.string(),
  externalRef: z.string(),
  labels: z.array(z.string()),
  dependencies: z.object({ blocked_by: z.array(z.string()), blocks: z.array(z.string()) }),
  targetFiles: z.array(z.string()),
  failedIterationNotes: z.array(BeadNote),
  userRetryNotes: z.array(BeadNote),
  finalizationFailureNotes: z.array(BeadNote),
  iteration: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string(),
  completedAt: z.string(),
  beadStartCommit: z.string().nullable(),
  qaOrigin: z.record(z.string(), z.unknown()).optional(),
});
export type Bead = z.infer<typeof Bead>;

/** One JSONL line of the expansion (PROM25): the five fields the model adds, plus the copied blueprint fields. */
export const ExpansionLine = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    issueType: lenientText.default('task'),
    labels: lenientList,
    dependencies: z
      .union([z.array(lenientText), z.object({ blocked_by: lenientList }).passthrough(), z.null()])
      .optional(),
    targetFiles: lenientList,
    title: lenientText.optional(),
    // No default: a missing prdRefs means "copied unchanged", not "emptied".
    prdRefs: z.array(lenientText).optional(),
    status: z.string().optional(),
    notes: z.array(lenientText).optional(),
  })
  .passthrough();
export type ExpansionLine = z.infer<typeof ExpansionLine>;

/** A bead as a person edits it (PUT): app-owned fields are recomputed; the rest is validated. */
export const BeadEdit = BlueprintBead.extend({
  issueType: z.string().min(1).default('task'),
  labels: z.array(z.string()).default([]),
  dependencies: z
    .object({ blocked_by: z.array(z.string()).default([]) })
    .passthrough()
    .default({ blocked_by: [] }),
  targetFiles: z.array(z.string()).default([]),
}).passthrough();
export type BeadEdit = z.infer<typeof BeadEdit>;

/** One problem found in a plan, tied to a bead when it concerns one (§9.6 "validation errors listed per bead"). */
export const BeadIssue = z.object({
  beadId: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});
export type BeadIssue = z.infer<typeof BeadIssue>;

export const BeadsQuery = z.object({ id: TicketIdParam, flow: z.string().min(1).max(200).optional() });

export const BeadsPutInput = z
  .object({
    id: TicketIdParam,
    flow: z.string().min(1).max(200).optional(),
    /** The whole plan, in execution order (priority is the position). */
    beads: z.array(z.record(z.string(), z.unknown())).optional(),
    /** Or the raw JSONL, one bead per line. */
    raw: z.string().optional(),
    /** Optional optimistic check against the plan the editor loaded. */
    expectedContentSha256: z.string().optional(),
  })
  .strict()
  .refine((v) => (v.beads === undefined) !== (v.raw === undefined), {
    message: 'Send either `beads` or `raw`',
  });

export const BeadsView = z.object({
  ticketId: z.string(),
  flow: z.string(),
  exists: z.boolean(),
  /** Execution order (priority ascending). */
  beads: z.array(Bead),
  raw: z.string().nullable(),
  contentSha256: z.string().nullable(),
  /** True only in WAITING_BEADS_APPROVAL (the only status in which PUT is allowed). */
  editable: z.boolean(),
  /** Problems the graph check still finds (empty for a valid plan). */
  issues: z.array(BeadIssue),
});
export type BeadsView = z.infer<typeof BeadsView>;
