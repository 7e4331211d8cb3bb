import { z } from 'zod';
import { Artifact } from '../artifacts/schema.ts';

// api-reference.txt "SSE Events": every event the stream can carry, with its payload. One discriminated union,
// so the api's SSE writer, the web reducer and the CLI all read the same shapes.

const base = { ticketId: z.string(), timestamp: z.string() };

export const ConnectedEvent = z.object({ ticketId: z.string(), clientId: z.string(), timestamp: z.string() });
export const HeartbeatEvent = z.object({ timestamp: z.string() });

export const StateChangeEvent = z.object({
  ...base,
  from: z.string().nullable(),
  to: z.string(),
  previousStatus: z.string().nullable(),
  phaseAttempt: z.number().int().optional(),
  workflowRevision: z.number().int().optional(),
});

export const LogEvent = z.object({
  ...base,
  type: z.enum(['state_change', 'model_output', 'test_result', 'error', 'bead_complete', 'info', 'debug']),
  phase: z.string(),
  phaseAttempt: z.number().int().optional(),
  message: z.string(),
  content: z.string().optional(),
  source: z.string(),
  kind: z.enum(['milestone', 'reasoning', 'text', 'assistant', 'tool', 'step', 'session', 'prompt', 'error', 'test']),
  op: z.enum(['append', 'upsert', 'finalize']),
  entryId: z.string().optional(),
  audience: z.enum(['all', 'ai', 'debug']).optional(),
  modelId: z.string().optional(),
  sessionId: z.string().optional(),
  beadId: z.string().optional(),
  streaming: z.boolean().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const ProgressEvent = z.object({
  ...base,
  phase: z.string(),
  current: z.number(),
  total: z.number(),
  message: z.string().optional(),
});

export const ErrorEvent = z.object({
  ...base,
  phase: z.string().nullable(),
  message: z.string(),
  codes: z.array(z.string()),
  details: z.unknown().optional(),
});

export const BeadCompleteEvent = z.object({
  ...base,
  beadId: z.string(),
  title: z.string(),
  completed: z.number().int(),
  total: z.number().int(),
});

export const NeedsInputEvent = z.object({ ...base, type: z.string() }).catchall(z.unknown());

// The artifact travels exactly as GET /tickets/{id}/artifacts serves it, hash included (workflow.md §14.4).
export const ArtifactChangeEvent = z.object({
  ...base,
  phase: z.string(),
  artifactType: z.string(),
  artifact: Artifact,
});

export const TicketEventPayloads = {
  state_change: StateChangeEvent,
  log: LogEvent,
  progress: ProgressEvent,
  error: ErrorEvent,
  bead_complete: BeadCompleteEvent,
  needs_input: NeedsInputEvent,
  artifact_change: ArtifactChangeEvent,
} as const;

export type TicketEventType = keyof typeof TicketEventPayloads;
export const TICKET_EVENT_TYPES = Object.keys(TicketEventPayloads) as TicketEventType[];

export type TicketEventPayload<T extends TicketEventType> = z.infer<(typeof TicketEventPayloads)[T]>;

/** A ticket event as stored and streamed. `id` is absent only for ephemeral events (streaming log upserts). */
export type StreamEvent = {
  [T in TicketEventType]: { id: number | null; type: T; data: TicketEventPayload<T> };
}[TicketEventType];

export const SSE_EVENT_TYPES = ['connected', 'heartbeat', ...TICKET_EVENT_TYPES] as const;
