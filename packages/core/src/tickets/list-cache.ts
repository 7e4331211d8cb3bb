import type { Db } from '../db/client.ts';
import type { Ticket } from './schema.ts';
import { selectTickets, selectTicketsVersion, type TicketRow } from './store.ts';

export type TicketFilter = { projectId?: number; status?: string };

interface Entry {
  version: number;
  rows: TicketRow[];
  tickets: Ticket[];
}

/** Filters remembered at once (the board asks for all tickets, and per project). */
const MAX_ENTRIES = 16;

/**
 * GET /api/tickets: reading and mapping 1,000 rows costs tens of milliseconds, and a board polls it. The rows are
 * kept per filter with the tickets table's change counter, which SQLite triggers bump on every write from anywhere
 * (migration 0001): while it stands still, the answer is reused. The counter is read before the rows, so a write
 * landing in between only causes one more reload, never a stale answer.
 */
export function createTicketListCache(db: Db) {
  const entries = new Map<string, Entry>();
  return {
    async read(filter: TicketFilter, toTicket: (row: TicketRow) => Ticket): Promise<Entry> {
      const key = JSON.stringify([filter.projectId ?? null, filter.status ?? null]);
      const version = await selectTicketsVersion(db);
      const cached = entries.get(key);
      if (cached?.version === version) return cached;
      const rows = await selectTickets(db, filter);
      const entry = { version, rows, tickets: rows.map(toTicket) };
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value ?? key);
      return entry;
    },
  };
}
