import { z } from 'zod';
import { TicketStatus } from '../lifecycle/statuses.ts';
import { GitHookPolicy } from '../profile/schema.ts';
import { TicketIdParam } from './ref.ts';

const Priority = z.number().int().min(1).max(5);

export const TicketCreateInput = z
  .object({
    projectId: z.number().int().positive(),
    title: z.string().trim().min(1).max(500),
    description: z.string().max(50_000).optional(),
    priority: Priority.optional(),
    manualQaOverride: z.boolean().nullable().optional(),
    gitHookPolicy: GitHookPolicy.nullable().optional(),
  })
  .strict();
export type TicketCreateInput = z.infer<typeof TicketCreateInput>;

export const TicketPatchInput = z
  .object({
    id: TicketIdParam,
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(50_000).optional(),
    priority: Priority.optional(),
    manualQaOverride: z.boolean().nullable().optional(),
    gitHookPolicy: GitHookPolicy.nullable().optional(),
    /** Accepted only to answer with a clear 409: status changes go through workflow actions. */
    status: z.unknown().optional(),
  })
  .strict();
export type TicketPatchInput = z.infer<typeof TicketPatchInput>;

export const TicketAction = z.enum([
  'start',
  'cancel',
  'approve',
  'retry',
  'continue',
  'merge',
  'close_unmerged',
  'edit_execution_setup_plan',
]);

export const Ticket = z.object({
  /** The external reference (`AUTH-12`), used by every route and event. */
  id: z.string(),
  externalId: z.string(),
  projectId: z.number().int(),
  title: z.string(),
  description: z.string(),
  priority: z.number().int(),
  status: TicketStatus,
  previousStatus: TicketStatus.nullable(),
  statusLabel: z.string(),
  kanbanPhase: z.enum(['todo', 'needs_input', 'in_progress', 'done']),
  workflowRevision: z.number().int(),
  visitedStatuses: z.array(TicketStatus),
  availableActions: z.array(TicketAction),
  branchName: z.string().nullable(),
  baseBranch: z.string().nullable(),
  manualQaOverride: z.boolean().nullable(),
  gitHookPolicy: GitHookPolicy.nullable(),
  lockedSettings: z.record(z.string(), z.unknown()).nullable(),
  currentBead: z.number().int().nullable(),
  totalBeads: z.number().int().nullable(),
  percentComplete: z.number().nullable(),
  errorMessage: z.string().nullable(),
  errorCodes: z.array(z.string()),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof Ticket>;

export const TicketListInput = z
  .object({ projectId: z.coerce.number().int().positive().optional(), status: TicketStatus.optional() })
  .optional();

export const DeleteTicketResult = z.object({ success: z.literal(true), ticketId: z.string() });

export const UiStateScope = z
  .string()
  .regex(/^[A-Za-z0-9:_-]+$/, 'scope uses letters, digits, ":", "_" and "-"')
  .max(80);

export const UiStateGetInput = z.object({ id: TicketIdParam, scope: UiStateScope });
export const UiStatePutInput = z.object({
  id: TicketIdParam,
  scope: UiStateScope,
  data: z.unknown().refine((v) => v !== undefined, 'data is required'),
  /** Spec README decision: optional compare-and-set; a mismatch answers 409, never required. */
  expectedRevision: z.number().int().min(0).optional(),
});
export const UiState = z.object({
  scope: z.string(),
  exists: z.boolean(),
  data: z.unknown(),
  revision: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type UiState = z.infer<typeof UiState>;
