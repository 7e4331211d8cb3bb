import { z } from 'zod';
import { BeadStatus } from '../beads/schema.ts';
import { TicketIdParam } from '../tickets/ref.ts';

const MsRange = z.object({ bestMs: z.number().int(), likelyMs: z.number().int(), worstMs: z.number().int() });

export const Eta = MsRange.extend({
  basis: z.enum(['history', 'current_run', 'sparse_history', 'default']),
  samples: z.number().int(),
  perBead: MsRange,
});

export const CurrentBead = z.object({
  id: z.string(),
  title: z.string(),
  status: BeadStatus,
  /** 1-based position in priority order. */
  position: z.number().int(),
  /** Iteration k of N: the Ralph loop's fresh-context attempt (§10.6). */
  iteration: z.number().int(),
  maxIterations: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

/** §10.6 "Progress UI": what the header, the card and the CLI show while beads are coded. */
export const BeadProgress = z.object({
  ticketId: z.string(),
  status: z.string(),
  completed: z.number().int(),
  total: z.number().int(),
  current: CurrentBead.nullable(),
  /** The countdown's anchor: the current attempt's `updatedAt` (§10.6); the ETA is the time left as of it. */
  anchor: z.string().nullable(),
  /** True in BLOCKED_ERROR: time there is excluded, so the countdown stops. */
  paused: z.boolean(),
  eta: Eta.nullable(),
  /** "Actual implementation time": CODING time of the beads done so far (§10.6). */
  implementationMs: z.number().int(),
});
export type BeadProgress = z.infer<typeof BeadProgress>;

export const BeadProgressInput = z.object({ id: TicketIdParam });
