import { z } from 'zod';
import { TicketIdParam } from '../tickets/ref.ts';
import { Ticket } from '../tickets/schema.ts';
import { StatusGroup, StatusInfo } from './statuses.ts';

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
