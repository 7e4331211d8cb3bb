import { randomUUID } from 'node:crypto';
import type { EventBus } from '../events/bus.ts';
import { appendJsonLine, readJsonLines } from '../lib/atomic-file.ts';
import type { Clock } from '../lib/clock.ts';
import type { TicketRow } from '../tickets/store.ts';
import { executionLogPath } from '../tickets/workspace.ts';
import type { WriteFence } from '../tickets/write-fence.ts';
import { LogRecord } from './schema.ts';

export type LogInput = Omit<LogRecord, 'ticketId' | 'timestamp' | 'op' | 'source' | 'type'> &
  Partial<Pick<LogRecord, 'op' | 'source' | 'type' | 'timestamp'>>;

/**
 * The ticket's execution log: every finalized row is appended to `.ticket/runtime/execution-log.jsonl` (fsynced,
 * crash-safe) and published as a persisted `log` event; streaming upserts (live model text) go to the stream only.
 */
export function createLogService(clock: Clock, events: EventBus, fence?: WriteFence) {
  async function write(ticket: TicketRow, input: LogInput): Promise<LogRecord> {
    const record: LogRecord = LogRecord.parse({
      type: 'info',
      source: 'system',
      op: 'append',
      audience: 'all',
      ...input,
      ticketId: ticket.externalId,
      timestamp: input.timestamp ?? clock.isoNow(),
      entryId: input.entryId ?? (input.op === 'upsert' ? undefined : randomUUID()),
    });
    // §4.5: a canceled ticket's late log lines (a stream still draining) are dropped, not thrown at their writer.
    if (fence?.isClosed(ticket.id)) return record;
    if (record.op === 'upsert') {
      events.publishEphemeral('log', record);
      return record;
    }
    if (ticket.worktreePath) await appendJsonLine(executionLogPath(ticket.worktreePath), record);
    await events.publish('log', record);
    return record;
  }

  return {
    write,

    milestone(ticket: TicketRow, phase: string, message: string, data?: Record<string, unknown>) {
      return write(ticket, { phase, message, kind: 'milestone', ...(data && { data }) });
    },

    /**
     * Folded file log (architecture.md §8.3): streaming upserts and their finalize row collapse to one row per
     * entryId (the last write wins), sorted by time. A missing file is an empty log.
     */
    async read(ticket: TicketRow, filter: { phase?: string; phaseAttempt?: number; kind?: string } = {}) {
      if (!ticket.worktreePath) return [];
      const rows = (await readJsonLines(executionLogPath(ticket.worktreePath)))
        .map((raw) => LogRecord.safeParse(raw))
        .flatMap((r) => (r.success ? [r.data] : []));
      const folded = new Map<string, LogRecord>();
      rows.forEach((row, index) => {
        folded.set(row.entryId ?? `#${index}`, row);
      });
      return [...folded.values()]
        .filter((r) => filter.phase === undefined || r.phase === filter.phase)
        .filter((r) => filter.phaseAttempt === undefined || r.phaseAttempt === filter.phaseAttempt)
        .filter((r) => filter.kind === undefined || r.kind === filter.kind)
        .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    },
  };
}

export type LogService = ReturnType<typeof createLogService>;
