import { z } from 'zod';
import { LogEvent } from '../events/schema.ts';
import { TicketIdParam } from '../tickets/ref.ts';

/** One record of `execution-log.jsonl` (architecture.md §8.2): the `log` stream payload. */
export const LogRecord = LogEvent;
export type LogRecord = z.infer<typeof LogRecord>;

export const LogsInput = z.object({
  ticketId: TicketIdParam,
  phase: z.string().optional(),
  phaseAttempt: z.coerce.number().int().positive().optional(),
  kind: LogEvent.shape.kind.optional(),
});

export const LogsOutput = z.array(LogRecord);
