import type { ArtifactService } from '../artifacts/service.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import {
  DEFAULT_ERROR_CODES,
  PhaseError,
  type PhaseRegistry,
  phaseNotAvailable,
  WAITING_STATUSES,
} from '../lifecycle/phase.ts';
import { isTerminal, TicketStatus } from '../lifecycle/statuses.ts';
import type { LogService } from '../logs/service.ts';
import type { ProfileService } from '../profile/service.ts';
import { selectTicketById, type TicketRow } from '../tickets/store.ts';
import { promptFailureDiagnostics } from './continuation.ts';
import { closeContinuation } from './continuation-store.ts';
import { insertErrorOccurrence } from './error-store.ts';
import { applyTransition } from './persistence.ts';
import { buildPhaseContext } from './phase-context.ts';

export interface RunnerDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  logs: LogService;
  artifacts: ArtifactService;
  profile: ProfileService;
  /** Resolved lazily so handlers can themselves depend on services built after the runner. */
  phases: () => PhaseRegistry;
  /** Called when a ticket's work is aborted (cancel) so owned agent sessions can be stopped. */
  onAbort?: (ticket: TicketRow) => Promise<void>;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export interface BlockRequest {
  message: string;
  codes: string[];
  diagnostics?: Record<string, unknown>;
}

/**
 * The phase runner (workflow.md §4.2): when a ticket is in a status with work, run that status's handler once,
 * then apply the event it returns and continue with the next status. Failures land in BLOCKED_ERROR; an abort
 * (cancel) sends nothing. One run per ticket at a time.
 */
export function createRunner(deps: RunnerDeps) {
  const { db, clock, events, logs } = deps;
  const running = new Map<number, Running>();
  /** Kicks that arrived while a run was finishing: the ticket's status may have changed under it. */
  const rekick = new Set<number>();

  async function block(row: TicketRow, request: BlockRequest): Promise<TicketRow> {
    const from = TicketStatus.parse(row.status);
    const blocked = await applyTransition(db, events, clock, row, {
      event: from === 'DRAFT' ? 'INIT_FAILED' : 'ERROR',
      reason: request.message,
      patch: { errorMessage: request.message, errorCodes: request.codes },
    });
    await insertErrorOccurrence(db, {
      ticketId: row.id,
      blockedFromStatus: from,
      errorMessage: request.message,
      errorCodes: request.codes,
      diagnostics: request.diagnostics ?? null,
      occurredAt: clock.isoNow(),
    });
    await events.publish('error', {
      ticketId: row.externalId,
      phase: from,
      message: request.message,
      codes: request.codes,
      details: request.diagnostics,
    });
    await logs.write(blocked, { phase: from, type: 'error', kind: 'error', source: 'error', message: request.message });
    return blocked;
  }

  function describeFailure(status: TicketStatus, error: unknown): BlockRequest {
    const fallback = DEFAULT_ERROR_CODES[status] ?? 'PHASE_FAILED';
    // workflow.md §4.4: a failed prompt leaves its session id and failure class for Continue.
    const prompt = promptFailureDiagnostics(error, status);
    const hasPrompt = Object.keys(prompt).length > 0;
    if (error instanceof PhaseError) {
      const diagnostics = error.diagnostics || hasPrompt ? { ...error.diagnostics, ...prompt } : undefined;
      return {
        message: error.message,
        codes: error.codes.length ? error.codes : [fallback],
        ...(diagnostics && { diagnostics }),
      };
    }
    if (hasPrompt && error instanceof Error) return { message: error.message, codes: [fallback], diagnostics: prompt };
    if (error instanceof AppError) return { message: error.message, codes: [fallback] };
    const message = error instanceof Error ? error.message : String(error);
    return { message: `Unexpected failure in ${status}: ${message}`, codes: [fallback, 'UNEXPECTED_ERROR'] };
  }

  async function runOnce(ticketId: number, controller: AbortController): Promise<boolean> {
    const row = await selectTicketById(db, ticketId);
    if (!row) return false;
    const status = TicketStatus.parse(row.status);
    if (isTerminal(status) || WAITING_STATUSES.includes(status)) return false;
    const handler = deps.phases()[status];
    if (!handler) {
      const missing = phaseNotAvailable(status);
      await block(row, { message: missing.message, codes: missing.codes });
      return false;
    }
    try {
      await handler.admit?.(row);
    } catch (error) {
      await block(row, describeFailure(status, error));
      return false;
    }
    const ctx = await buildPhaseContext(deps, row, status, controller.signal);
    if (!ctx) {
      await block(row, { message: 'Ticket settings are missing; it cannot run.', codes: ['SETTINGS_MISSING'] });
      return false;
    }
    let outcome: Awaited<ReturnType<typeof handler>>;
    try {
      outcome = await handler(ctx);
    } catch (error) {
      if (controller.signal.aborted) return false;
      const current = await selectTicketById(db, ticketId);
      if (!current || current.workflowRevision !== row.workflowRevision) return false;
      await block(current, describeFailure(status, error));
      return false;
    }
    if (ctx.continuation) await closeContinuation(db, clock, ctx.continuation);
    if (controller.signal.aborted || outcome.event === null) return false;
    const current = await selectTicketById(db, ticketId);
    // Someone else moved the ticket meanwhile (cancel, approval): their change wins.
    if (!current || current.workflowRevision !== row.workflowRevision) return false;
    await applyTransition(db, events, clock, current, {
      event: outcome.event,
      ...(outcome.context && { context: outcome.context }),
    });
    return true;
  }

  /** Start working on the ticket's current status unless already running. Returns immediately. */
  function kick(ticketId: number): void {
    if (running.has(ticketId)) {
      rekick.add(ticketId);
      return;
    }
    const controller = new AbortController();
    const done = (async () => {
      try {
        while (!controller.signal.aborted && (await runOnce(ticketId, controller))) {
          // keep going: the next status may have work too
        }
      } catch (error) {
        // A failure of the runner itself (DB gone during shutdown…): record it on the ticket if we still can.
        const row = await selectTicketById(db, ticketId).catch(() => undefined);
        if (row && !controller.signal.aborted && !WAITING_STATUSES.includes(TicketStatus.parse(row.status))) {
          await block(row, describeFailure(TicketStatus.parse(row.status), error)).catch(() => undefined);
        }
      } finally {
        running.delete(ticketId);
        if (rekick.delete(ticketId) && !controller.signal.aborted) kick(ticketId);
      }
    })();
    running.set(ticketId, { controller, done });
  }

  return {
    kick,
    block,

    isRunning: (ticketId: number) => running.has(ticketId),

    /** Abort the ticket's running handler and wait (bounded) for it to stop. */
    async abort(ticket: TicketRow, waitMs = 10_000): Promise<void> {
      const run = running.get(ticket.id);
      run?.controller.abort();
      await deps.onAbort?.(ticket);
      if (run) await Promise.race([run.done, new Promise((r) => setTimeout(r, waitMs))]);
    },

    /** Resolves when the ticket has no running handler (tests, shutdown). */
    async idle(ticketId: number): Promise<void> {
      for (;;) {
        const run = running.get(ticketId);
        if (!run) return;
        await run.done;
      }
    },

    async stopAll(): Promise<void> {
      const all = [...running.values()];
      for (const run of all) run.controller.abort();
      await Promise.all(all.map((r) => r.done));
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;
