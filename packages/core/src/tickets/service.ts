import type { Db } from '../db/client.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import { statusInfo, TicketStatus } from '../lifecycle/statuses.ts';
import { type ActionFacts, availableActions } from './actions.ts';
import { createTicketListCache, type TicketFilter } from './list-cache.ts';
import { externalIdFor, parseTicketRef } from './ref.ts';
import type { Ticket, TicketCreateInput, TicketPatchInput, UiState } from './schema.ts';
import {
  deleteTicket,
  deleteUiState,
  insertTicketWithNextNumber,
  selectTicketByExternalId,
  selectUiState,
  type TicketRow,
  updateTicket,
  updateUiStateIfRevision,
  upsertUiState,
} from './store.ts';

/** architecture.md §12: UI state is capped at 2 MiB per scope. */
export const UI_STATE_MAX_BYTES = 2 * 1024 * 1024;

const statusOrNull = (value: string | null) => (value ? TicketStatus.parse(value) : null);
const VisitedStatuses = TicketStatus.array().catch([]);

export function toTicket(row: TicketRow, facts: ActionFacts = {}): Ticket {
  const status = TicketStatus.parse(row.status);
  const info = statusInfo(status);
  return {
    id: row.externalId,
    externalId: row.externalId,
    projectId: row.projectId,
    title: row.title,
    description: row.description,
    priority: row.priority,
    status,
    previousStatus: statusOrNull(row.previousStatus),
    statusLabel: info.label,
    kanbanPhase: info.kanbanPhase,
    workflowRevision: row.workflowRevision,
    visitedStatuses: VisitedStatuses.parse(row.visitedStatuses),
    availableActions: availableActions(status, { blockedFrom: statusOrNull(row.previousStatus), ...facts }),
    branchName: row.branchName,
    baseBranch: row.baseBranch,
    manualQaOverride: row.manualQaOverride,
    gitHookPolicy: row.gitHookPolicy as Ticket['gitHookPolicy'], // written only from the GitHookPolicy enum
    lockedSettings: (row.lockedSettings as Record<string, unknown> | null) ?? null,
    currentBead: row.currentBead,
    totalBeads: row.totalBeads,
    percentComplete: row.percentComplete,
    errorMessage: row.errorMessage,
    errorCodes: Array.isArray(row.errorCodes) ? row.errorCodes.map(String) : [],
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** architecture.md §9.2: `{conflict: true, data, revision}` at the top level of the 409, and in details too. */
function uiStateConflict(current: { revision: number; data: unknown } | undefined) {
  const state = { conflict: true, revision: current?.revision ?? 0, data: current?.data ?? null };
  return conflict('UI state changed since it was read', state, state);
}

/**
 * `canContinue` answers whether Continue is offered on a ticket (workflow.md §4.7): the engine judges that from the
 * stored facts, and the composition root hands its judgement in, so tickets/ does not import the engine back.
 */
export function createTicketService(
  db: Db,
  clock: Clock,
  events: EventBus,
  canContinue: (row: TicketRow) => Promise<boolean>,
) {
  const listCache = createTicketListCache(db);

  /** Resolve a route's ticket reference to its row, or 404 (400 for a malformed reference). */
  async function resolve(ref: string): Promise<TicketRow> {
    const parsed = parseTicketRef(ref);
    const row = await selectTicketByExternalId(db, parsed.externalId);
    if (!row || (parsed.projectId !== null && row.projectId !== parsed.projectId)) {
      throw notFound('Ticket', { ticketId: ref });
    }
    return row;
  }

  return {
    resolve,

    async list(filter: TicketFilter = {}): Promise<Ticket[]> {
      const { rows, tickets } = await listCache.read(filter, (row) => toTicket(row));
      // `continue` depends on other tables (the open error, its session): judged afresh for the few blocked tickets.
      if (!tickets.some((ticket) => ticket.status === 'BLOCKED_ERROR')) return tickets;
      return Promise.all(
        tickets.map(async (ticket, i) => {
          const row = rows[i];
          if (ticket.status !== 'BLOCKED_ERROR' || !row) return ticket;
          return toTicket(row, { canContinue: await canContinue(row) });
        }),
      );
    },

    /**
     * What every list answer depends on, as one string: the tickets table's change counter, plus whether Continue
     * is offered on each blocked ticket (judged from other tables, workflow.md §4.7). While it stays the same, so
     * do the list answers: the API resends their serialized bytes (api/src/ticket-list-answers.ts).
     */
    async listVersion(): Promise<string> {
      const { version, rows } = await listCache.read({}, (row) => toTicket(row));
      const blocked = rows.filter((row) => row.status === 'BLOCKED_ERROR');
      if (blocked.length === 0) return String(version);
      const offers = await Promise.all(blocked.map(async (row) => ((await canContinue(row)) ? 1 : 0)));
      return `${version}:${offers.join('')}`;
    },

    async get(ref: string): Promise<Ticket> {
      const row = await resolve(ref);
      return toTicket(row, { canContinue: await canContinue(row) });
    },

    async create(input: TicketCreateInput): Promise<Ticket> {
      const now = clock.isoNow();
      const row = await insertTicketWithNextNumber(db, input.projectId, (shortname, n) => ({
        projectId: input.projectId,
        externalId: externalIdFor(shortname, n),
        title: input.title,
        description: input.description ?? '',
        priority: input.priority ?? 3,
        status: 'DRAFT',
        visitedStatuses: ['DRAFT'],
        manualQaOverride: input.manualQaOverride ?? null,
        gitHookPolicy: input.gitHookPolicy ?? null,
        createdAt: now,
        updatedAt: now,
      }));
      if (!row) throw notFound('Project', { projectId: input.projectId });
      return toTicket(row);
    },

    async update(input: TicketPatchInput): Promise<Ticket> {
      const row = await resolve(input.id);
      if (input.status !== undefined) {
        throw conflict('status cannot be changed directly; use the workflow actions (start, cancel, approve, retry)');
      }
      const status = TicketStatus.parse(row.status);
      const touchesContent =
        input.title !== undefined || input.description !== undefined || input.priority !== undefined;
      if (touchesContent && !statusInfo(status).editable) {
        throw conflict(`Ticket details are read-only in ${status}`, { status });
      }
      // workflow.md §1.2: ticket overrides exist only while the ticket is a DRAFT.
      const touchesOverrides = input.manualQaOverride !== undefined || input.gitHookPolicy !== undefined;
      if (touchesOverrides && status !== 'DRAFT') {
        throw conflict('Manual QA and git-hook overrides can only change while the ticket is a DRAFT', { status });
      }
      const updated = await updateTicket(db, row.id, {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.priority !== undefined && { priority: input.priority }),
        ...(input.manualQaOverride !== undefined && { manualQaOverride: input.manualQaOverride }),
        ...(input.gitHookPolicy !== undefined && { gitHookPolicy: input.gitHookPolicy }),
        updatedAt: clock.isoNow(),
      });
      if (!updated) throw notFound('Ticket', { ticketId: input.id });
      return toTicket(updated);
    },

    /** workflow.md §2: only COMPLETED or CANCELED tickets can be deleted. */
    async remove(ref: string): Promise<{ success: true; ticketId: string }> {
      const row = await resolve(ref);
      const status = TicketStatus.parse(row.status);
      if (!statusInfo(status).isTerminal) {
        throw conflict('Only COMPLETED or CANCELED tickets can be deleted; cancel it first', { status });
      }
      await deleteTicket(db, row.id);
      await events.forgetTicket(row.externalId);
      return { success: true, ticketId: row.externalId };
    },

    async getUiState(ref: string, scope: string): Promise<UiState> {
      const row = await resolve(ref);
      const state = await selectUiState(db, row.id, scope);
      if (!state) return { scope, exists: false, data: null, revision: 0, updatedAt: null };
      return { scope, exists: true, data: state.data, revision: state.revision, updatedAt: state.updatedAt };
    },

    async putUiState(ref: string, scope: string, data: unknown, expectedRevision?: number): Promise<UiState> {
      const row = await resolve(ref);
      if (data === null) {
        // `null` clears the scope (a discarded draft leaves nothing behind).
        const current = await selectUiState(db, row.id, scope);
        if (expectedRevision !== undefined && (current?.revision ?? 0) !== expectedRevision) {
          throw uiStateConflict(current);
        }
        await deleteUiState(db, row.id, scope);
        return { scope, exists: false, data: null, revision: 0, updatedAt: null };
      }
      const bytes = Buffer.byteLength(JSON.stringify(data));
      if (bytes > UI_STATE_MAX_BYTES) {
        throw new AppError('payload_too_large', 'UI state is larger than 2 MiB', { bytes, limit: UI_STATE_MAX_BYTES });
      }
      const now = clock.isoNow();
      if (expectedRevision !== undefined) {
        const current = await selectUiState(db, row.id, scope);
        const currentRevision = current?.revision ?? 0;
        const written =
          currentRevision === expectedRevision && current
            ? await updateUiStateIfRevision(db, row.id, scope, data, expectedRevision, now)
            : currentRevision === expectedRevision
              ? await upsertUiState(db, row.id, scope, data, now)
              : undefined;
        if (!written) throw uiStateConflict(current);
        return { scope, exists: true, data: written.data, revision: written.revision, updatedAt: written.updatedAt };
      }
      const written = await upsertUiState(db, row.id, scope, data, now);
      if (!written) throw new Error('ui_state upsert returned no row');
      return { scope, exists: true, data: written.data, revision: written.revision, updatedAt: written.updatedAt };
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
