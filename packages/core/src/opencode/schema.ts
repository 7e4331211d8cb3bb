import { z } from 'zod';
import { TicketIdParam } from '../tickets/ref.ts';

const Model = z.object({
  id: z.string(),
  providerId: z.string(),
  modelId: z.string(),
  name: z.string(),
  variants: z.array(z.string()),
  contextLimit: z.number().nullable(),
  connected: z.boolean(),
});

/** GET /api/models: exactly the seed's shape (spec README decision). */
export const ModelsResponse = z.object({
  models: z.array(Model),
  allModels: z.array(Model),
  connectedProviders: z.array(z.string()),
  defaultModels: z.record(z.string(), z.string()),
  message: z.string().optional(),
});
export type ModelsResponse = z.infer<typeof ModelsResponse>;

export const OpencodeHealth = z.object({
  status: z.enum(['ok', 'unavailable']),
  reachable: z.boolean(),
  version: z.string().nullable(),
  url: z.string(),
  latencyMs: z.number().nullable(),
  error: z.string().optional(),
  advice: z.string().optional(),
});
export type OpencodeHealth = z.infer<typeof OpencodeHealth>;

export const OpencodeQuestion = z.object({
  requestId: z.string(),
  ticketId: z.string(),
  sessionId: z.string(),
  phase: z.string(),
  state: z.enum(['pending', 'replied', 'rejected']),
  questions: z.array(
    z.object({
      question: z.string(),
      header: z.string(),
      options: z.array(z.object({ label: z.string(), description: z.string().optional() })),
      multiple: z.boolean(),
    }),
  ),
  answers: z.array(z.array(z.string())).nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type OpencodeQuestion = z.infer<typeof OpencodeQuestion>;

export const QuestionListInput = z.object({ id: TicketIdParam });
export const QuestionReplyInput = z
  .object({ id: TicketIdParam, requestId: z.string().min(1), answers: z.array(z.array(z.string())) })
  .strict();
export const QuestionRejectInput = z.object({ id: TicketIdParam, requestId: z.string().min(1) }).strict();
export const QuestionResolved = z.object({
  success: z.literal(true),
  requestId: z.string(),
  state: z.enum(['replied', 'rejected']),
});

export const UNREACHABLE_MESSAGE = 'OpenCode server is not reachable. Start it with `opencode serve`.';
