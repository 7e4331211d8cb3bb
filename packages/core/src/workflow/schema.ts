import { z } from 'zod';
import { WorkflowEventType } from '../lifecycle/machine.ts';
import { StatusGroup, StatusInfo, TicketStatus } from '../lifecycle/statuses.ts';
import { TicketIdParam } from '../tickets/ref.ts';
import { Ticket } from '../tickets/schema.ts';

export const WorkflowMeta = z.object({
  groups: z.array(z.object({ id: StatusGroup, label: z.string(), statuses: z.array(z.string()) })),
  phases: z.array(StatusInfo),
});
export type WorkflowMeta = z.infer<typeof WorkflowMeta>;

export const CancelInput = z
  .object({
    id: TicketIdParam,
    deleteContent: z.boolean().default(false),
    deleteLog: z.boolean().default(false),
  })
  .strict();
export type CancelInput = z.infer<typeof CancelInput>;

/** architecture.md §9.1: workflow actions answer `{message, ticketId, status, ticket}`. */
export const WorkflowActionResult = z.object({
  message: z.string(),
  ticketId: z.string(),
  status: z.string(),
  ticket: Ticket,
});
export type WorkflowActionResult = z.infer<typeof WorkflowActionResult>;

export const ActionInput = z.object({ id: TicketIdParam }).strict();

/** workflow.md §4.4: an empty body retries; `{note}` (1–20 000 chars, not only whitespace) is "Retry with extra note". */
export const RetryInput = z
  .object({
    id: TicketIdParam,
    note: z
      .string()
      .max(20_000, 'note is at most 20 000 characters')
      .refine((n) => n.trim().length > 0, 'note must not be empty or only whitespace')
      .optional(),
  })
  .strict();

export const ApproveInput = z
  .object({
    id: TicketIdParam,
    expectedContentSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'expectedContentSha256 is the lowercase hex SHA-256 of the content being approved'),
    /** Why the document is approved although coverage gaps remain (§8.5 "approve with gaps"); kept on the receipt. */
    reason: z.string().trim().max(20_000).optional(),
  })
  .strict();
export type ApproveInput = z.infer<typeof ApproveInput>;

export const DevEventInput = z
  .object({
    id: TicketIdParam,
    type: WorkflowEventType,
    context: z
      .object({
        previousStatus: TicketStatus.nullable().optional(),
        lockedManualQaEnabled: z.boolean().optional(),
        beadsCompleted: z.number().int().optional(),
        beadsTotal: z.number().int().optional(),
      })
      .optional(),
  })
  .strict();
export type DevEventInput = z.infer<typeof DevEventInput>;

/** workflow.md §10.11 "Finish Without Merge": an optional reason, kept in the merge report. */
export const CloseUnmergedInput = z
  .object({
    id: TicketIdParam,
    reason: z.string().trim().max(2000, 'reason is at most 2000 characters').optional(),
  })
  .strict();
export type CloseUnmergedInput = z.infer<typeof CloseUnmergedInput>;

export { MergeReport } from '../delivery/port.ts';
