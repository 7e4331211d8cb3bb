import { z } from 'zod';
import type { ArtifactService } from '../artifacts/service.ts';
import type { TicketRow } from '../tickets/store.ts';

// Where the setup plan and its companions live (§10.3, §10.4, §14.2). The plan of a version sits in the approval
// gate's attempt N; its generation request and report in the drafting phase's attempt N; notes accumulate.

export const GENERATING = 'GENERATING_EXECUTION_SETUP_PLAN';
export const GATE = 'WAITING_EXECUTION_SETUP_APPROVAL';
export const PREPARING = 'PREPARING_EXECUTION_ENV';

export const PLAN_TYPE = 'execution_setup_plan';
export const PLAN_REPORT_TYPE = 'execution_setup_plan_report';
export const PLAN_NOTES_TYPE = 'execution_setup_plan_notes';
export const PLAN_REQUEST_TYPE = 'execution_setup_plan_request';

/** §10.3: the durable generation request, persisted before any model call. */
export const GenerationRequest = z.object({
  requestId: z.string(),
  kind: z.enum(['initial', 'regenerate']),
  commentary: z.string().nullable(),
  /** The plan the regeneration starts from (raw), and the cleaned previous runtime failure. */
  baseline: z.string().nullable(),
  previousFailure: z.string().nullable(),
  createdAt: z.string(),
});
export type GenerationRequest = z.infer<typeof GenerationRequest>;

export const PlanNotes = z.object({ notes: z.array(z.object({ commentary: z.string(), createdAt: z.string() })) });

export async function readNotes(artifacts: ArtifactService, ticket: TicketRow) {
  const stored = await artifacts.latest(ticket, PLAN_NOTES_TYPE);
  const parsed = stored ? PlanNotes.safeParse(JSON.parse(stored.content)) : null;
  return parsed?.success ? parsed.data.notes : [];
}

export async function readRequest(artifacts: ArtifactService, ticket: TicketRow, phaseAttempt: number) {
  const stored = await artifacts.latest(ticket, PLAN_REQUEST_TYPE, { phase: GENERATING, phaseAttempt });
  const parsed = stored ? GenerationRequest.safeParse(JSON.parse(stored.content)) : null;
  return parsed?.success ? parsed.data : null;
}

/** The plan artifact of the gate's given (default: active) attempt, if a valid one was published there. */
export async function planArtifact(artifacts: ArtifactService, ticket: TicketRow, phaseAttempt?: number) {
  const attempt = phaseAttempt ?? (await artifacts.activeAttempt(ticket, GATE));
  return artifacts.latest(ticket, PLAN_TYPE, { phase: GATE, phaseAttempt: attempt });
}
