import type { tickets } from '../db/schema.ts';
import type { TransitionContext, WorkflowEventType } from './machine.ts';

// The one way a service outside the engine moves a ticket (interview answers, Skip All, planning restarts, PR
// review). Services own their checks and their records; the port owns the sequence around them: resolve the ticket,
// check, stop its running work when asked, write, apply the event under the revision guard, start the next work.
// workflow/transitions.ts implements it over the persistence and the runner.

type TicketRow = typeof tickets.$inferSelect;

export interface TransitionRequest {
  event: WorkflowEventType;
  context?: TransitionContext;
  reason?: string;
  /** Extra ticket columns written in the same transaction (error fields, locked settings, counters). */
  patch?: Partial<typeof tickets.$inferInsert>;
}

export interface MoveStep {
  /** Throw (an AppError 409) when the action is not allowed in the ticket's current state. */
  check: (ticket: TicketRow) => void;
  /** Stop the ticket's running work before writing: the write replaces what that work would produce. */
  abort?: boolean;
  /**
   * The service's own records, written before the event is applied; returns the event, or null to write without
   * moving. The event is applied to the ticket as `write` saw it: if anyone moved it meanwhile, their change wins
   * and the action answers 409.
   */
  write: (ticket: TicketRow) => Promise<TransitionRequest | null>;
}

export interface TicketTransitions {
  /** resolve `ref` → check → (abort) → write → apply → start the new status's work. Answers the ticket as it ends. */
  move(ref: string, step: MoveStep): Promise<TicketRow>;
  /** Apply one event to a ticket in hand (revision-guarded, 409 when it moved) and start the new status's work. */
  apply(ticket: TicketRow, request: TransitionRequest): Promise<TicketRow>;
  /** Stop the ticket's running work and wait (bounded) until it has stopped. */
  abort(ticket: TicketRow): Promise<void>;
}
