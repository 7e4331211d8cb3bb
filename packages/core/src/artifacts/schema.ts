import { z } from 'zod';
import { TicketStatus } from '../lifecycle/statuses.ts';
import { TicketIdParam } from '../tickets/ref.ts';

export const Artifact = z.object({
  id: z.number().int(),
  ticketId: z.string(),
  phase: z.string(),
  phaseAttempt: z.number().int(),
  artifactType: z.string(),
  filePath: z.string().nullable(),
  content: z.string(),
  contentSha256: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Artifact = z.infer<typeof Artifact>;

export const ArtifactListInput = z.object({
  id: TicketIdParam,
  phase: z.string().optional(),
  phaseAttempt: z.coerce.number().int().positive().optional(),
  artifactType: z.string().optional(),
});

export const PhaseAttempt = z.object({
  ticketId: z.string(),
  phase: z.string(),
  attemptNumber: z.number().int(),
  state: z.enum(['active', 'archived']),
  archivedReason: z.string().nullable(),
  createdAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type PhaseAttempt = z.infer<typeof PhaseAttempt>;

// Issue 17: an unknown phase is a 400 naming the statuses, not an empty list.
export const PhaseAttemptsInput = z.object({ id: TicketIdParam, phase: TicketStatus });
