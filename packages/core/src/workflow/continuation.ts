import { z } from 'zod';
import { TicketStatus } from '../lifecycle/statuses.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import { classifyFailure, FailureClass, isContinuable } from './failure-class.ts';

// workflow.md §4.4 CONTINUE, as pure functions: what a blocked prompt leaves in the error occurrence's diagnostics,
// and whether those facts (plus the owned session row) allow resuming it. The remote "can OpenCode still read the
// session" probe is the caller's last step.

/** The first `PromptFailure` in an error's cause chain (handlers may wrap it in a PhaseError). */
export function findPromptFailure(error: unknown): PromptFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof PromptFailure) return current;
    current = current.cause;
  }
  return undefined;
}

/** Diagnostics a blocked prompt contributes: the session to continue and the failure class that decides it. */
export function promptFailureDiagnostics(error: unknown, phase: TicketStatus): Record<string, unknown> {
  const failure = findPromptFailure(error);
  if (!failure) return {};
  const failureClass = classifyFailure({ kind: failure.kind, message: failure.message, phase });
  return {
    ...(failure.sessionId && { sessionId: failure.sessionId }),
    failureKind: failure.kind,
    failureClass,
    continuable: isContinuable(failureClass),
  };
}

const StoredContinuation = z.object({
  sessionId: z.string().min(1),
  failureClass: z.unknown().optional(),
  failureKind: z.enum(['timeout', 'aborted', 'runtime']).optional(),
});

export interface Continuation {
  sessionId: string;
  failureClass: FailureClass;
}

/**
 * Read the Continue facts back from an occurrence. A `failureClass` in another vocabulary (handlers also record
 * their structured-output class there) is reclassified from the stored kind and message.
 */
export function readContinuation(
  diagnostics: unknown,
  errorMessage: string,
  phase: TicketStatus,
): Continuation | undefined {
  const parsed = StoredContinuation.safeParse(diagnostics);
  if (!parsed.success) return undefined;
  const stored = FailureClass.safeParse(parsed.data.failureClass);
  const failureClass = stored.success
    ? stored.data
    : classifyFailure({ kind: parsed.data.failureKind ?? 'runtime', message: errorMessage, phase });
  return { sessionId: parsed.data.sessionId, failureClass };
}

export type ContinueRefusal =
  | 'not_blocked'
  | 'no_previous_status'
  | 'no_open_error'
  | 'no_session'
  | 'not_continuable'
  | 'session_not_owned'
  | 'session_not_active';

export interface ContinueFacts {
  ticketId: number;
  status: TicketStatus;
  previousStatus: string | null;
  /** The open (unresolved) error occurrence, if any. */
  occurrence: { diagnostics: unknown; errorMessage: string; blockedFromStatus: string } | undefined;
  /** The `opencode_sessions` row of the occurrence's session, if LoopTroop still has it. */
  session: { ticketId: number | null; phase: string; state: string; directory: string } | undefined;
}

export type ContinueCheck =
  | { ok: true; previousStatus: TicketStatus; sessionId: string; directory: string; failureClass: FailureClass }
  | { ok: false; reason: ContinueRefusal; message: string; details?: Record<string, unknown> };

/** Everything Continue needs except the remote probe (workflow.md §4.4, architecture.md §5.3). */
export function checkContinue(facts: ContinueFacts): ContinueCheck {
  if (facts.status !== 'BLOCKED_ERROR') {
    return {
      ok: false,
      reason: 'not_blocked',
      message: `Only blocked tickets can continue (this one is ${facts.status})`,
    };
  }
  const previous = TicketStatus.safeParse(facts.previousStatus);
  if (!previous.success || previous.data === 'DRAFT' || previous.data === 'BLOCKED_ERROR') {
    return { ok: false, reason: 'no_previous_status', message: 'The blocked ticket has no phase to continue' };
  }
  // The unresolved occurrence, the previous phase and the session must still match (§4.4 "Restart").
  if (!facts.occurrence || facts.occurrence.blockedFromStatus !== previous.data) {
    return {
      ok: false,
      reason: 'no_open_error',
      message: `The ticket has no open error in ${previous.data} to continue`,
    };
  }
  const continuation = readContinuation(facts.occurrence.diagnostics, facts.occurrence.errorMessage, previous.data);
  if (!continuation) {
    return {
      ok: false,
      reason: 'no_session',
      message: 'This error did not come from an agent session, so there is nothing to continue; use Retry',
    };
  }
  const { sessionId, failureClass } = continuation;
  if (!isContinuable(failureClass)) {
    return {
      ok: false,
      reason: 'not_continuable',
      message: `A ${failureClass.replaceAll('_', ' ')} failure cannot be continued; fix the cause and use Retry`,
      details: { sessionId, failureClass },
    };
  }
  const session = facts.session;
  if (!session || session.ticketId !== facts.ticketId || session.phase !== previous.data) {
    return {
      ok: false,
      reason: 'session_not_owned',
      message: `Session ${sessionId} is not an agent session of this ticket in ${previous.data}; use Retry`,
      details: { sessionId },
    };
  }
  if (session.state !== 'active') {
    return {
      ok: false,
      reason: 'session_not_active',
      message: `Session ${sessionId} was ${session.state}, so it cannot be continued; use Retry`,
      details: { sessionId, sessionState: session.state },
    };
  }
  return { ok: true, previousStatus: previous.data, sessionId, directory: session.directory, failureClass };
}
