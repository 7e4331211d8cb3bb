import { z } from 'zod';
import { TicketIdParam } from '../tickets/ref.ts';
import { Ticket } from '../tickets/schema.ts';
import { ExecutionSetupPlan } from './setup-plan-schema.ts';

// api-reference.txt "Execution Setup Plan Routes": the read response `{exists, artifactId, updatedAt, raw, plan}`,
// the save (raw content or a structured plan) and the regeneration payload `{commentary, rawContent?}`.

export const SetupPlanQuery = z.object({
  id: TicketIdParam,
  phaseAttempt: z.coerce.number().int().positive().optional(),
});

export const SetupPlanView = z.object({
  exists: z.boolean(),
  artifactId: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
  raw: z.string().nullable(),
  plan: ExecutionSetupPlan.nullable(),
  contentSha256: z.string().nullable(),
  /** The version shown (the gate's attempt number) and every version, newest last. */
  version: z.number().int(),
  versions: z.array(z.object({ version: z.number().int(), state: z.enum(['active', 'archived']) })),
  /** Only the active version at the gate (or while preparing, which rewinds) can be saved or approved. */
  editable: z.boolean(),
  canApprove: z.boolean(),
  /** Why the generation produced no valid plan (Approve and Edit disabled, Regenerate enabled; §10.3). */
  validationError: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type SetupPlanView = z.infer<typeof SetupPlanView>;

export const SetupPlanPutInput = z
  .object({
    id: TicketIdParam,
    raw: z.string().min(1).max(1_000_000).optional(),
    plan: z.record(z.string(), z.unknown()).optional(),
    phaseAttempt: z.number().int().positive().optional(),
  })
  .strict()
  .refine((v) => (v.raw === undefined) !== (v.plan === undefined), { message: 'Send either `raw` or `plan`' });
export type SetupPlanPutInput = z.infer<typeof SetupPlanPutInput>;

export const RegenerateInput = z
  .object({
    id: TicketIdParam,
    commentary: z
      .string()
      .max(20_000)
      .refine((c) => c.trim().length > 0, 'commentary must not be empty'),
    rawContent: z.string().max(1_000_000).optional(),
  })
  .strict();
export type RegenerateInput = z.infer<typeof RegenerateInput>;

/** architecture.md §9 `POST …/edit-execution-setup-plan`: "Edit setup plan…" of a blocked workspace setup (§4.4). */
export const EditSetupPlanInput = z.object({ id: TicketIdParam }).strict();

/** A workflow action's answer (`{message, ticketId, status, ticket}`, architecture.md §9.1) with the plan view. */
export const SetupPlanActionResult = z.object({
  message: z.string(),
  ticketId: z.string(),
  status: z.string(),
  ticket: Ticket,
  view: SetupPlanView.optional(),
});
