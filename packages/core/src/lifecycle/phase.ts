import type { projects, tickets } from '../db/schema.ts';
import type { TransitionContext, WorkflowEventType } from './machine.ts';
import type { LockedSettings, Tunables } from './settings.ts';
import type { TicketStatus } from './statuses.ts';

// workflow.md §4.2: the contract between the phase runner and a status's handler. Vocabulary only: the runner
// (workflow/) and the handlers (interview/, prd/, beads/, execution/…) both import it, and it imports neither.

/** What a phase handler sees: the ticket as it entered the status, its settings, and a cancel signal. */
export interface PhaseContext {
  ticket: typeof tickets.$inferSelect;
  project: typeof projects.$inferSelect;
  status: TicketStatus;
  locked: LockedSettings;
  /** Settings read when the phase starts (workflow.md §1.2 "read later"). */
  settings: Tunables;
  phaseAttempt: number;
  signal: AbortSignal;
  /** Set when the status resumes after CONTINUE (workflow.md §4.4): the session its next owned prompt goes into. */
  continuation?: PhaseContinuation;
}

/** The preserved session of a continued error; the phase resumes it with exactly `continue please`. */
export interface PhaseContinuation {
  sessionId: string;
}

/** The event a finished handler sends; `null` means "nothing to send, wait for the user". */
export interface PhaseOutcome {
  event: WorkflowEventType | null;
  context?: TransitionContext;
}

export interface PhaseHandler {
  (ctx: PhaseContext): Promise<PhaseOutcome>;
  /**
   * Admission, checked before the context is built and before any of the status's work (workflow.md §4.6: the
   * execution band's one-ticket-per-project check). Throw a PhaseError to block the ticket there.
   */
  admit?: (ticket: typeof tickets.$inferSelect) => Promise<void>;
}
export type PhaseRegistry = Partial<Record<TicketStatus, PhaseHandler>>;

/**
 * A phase failure with the error codes BLOCKED_ERROR records (workflow.md §4.2, §4.4). Pass the `PromptFailure`
 * behind it as `cause`: the runner copies its session and failure class into the diagnostics Continue reads.
 */
export class PhaseError extends Error {
  override readonly name = 'PhaseError';
  constructor(
    message: string,
    readonly codes: string[],
    readonly diagnostics?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A status whose work this version does not do yet: the ticket blocks there with PHASE_NOT_AVAILABLE. */
export const phaseNotAvailable = (status: TicketStatus) =>
  new PhaseError(`${status} is not available in this version of LoopTroop yet; the ticket stops here.`, [
    'PHASE_NOT_AVAILABLE',
  ]);

/** workflow.md §4.2: the default error code of each failing status. */
export const DEFAULT_ERROR_CODES: Partial<Record<TicketStatus, string>> = {
  SCANNING_RELEVANT_FILES: 'RELEVANT_FILES_SCAN_FAILED',
  COUNCIL_DELIBERATING: 'QUORUM_NOT_MET',
  COUNCIL_VOTING_INTERVIEW: 'QUORUM_NOT_MET',
  COMPILING_INTERVIEW: 'QUORUM_NOT_MET',
  WAITING_INTERVIEW_ANSWERS: 'PROM4_INIT_FAILED',
  VERIFYING_INTERVIEW_COVERAGE: 'COVERAGE_FAILED',
  DRAFTING_PRD: 'QUORUM_NOT_MET',
  COUNCIL_VOTING_PRD: 'QUORUM_NOT_MET',
  REFINING_PRD: 'QUORUM_NOT_MET',
  VERIFYING_PRD_COVERAGE: 'COVERAGE_FAILED',
  DRAFTING_BEADS: 'QUORUM_NOT_MET',
  COUNCIL_VOTING_BEADS: 'QUORUM_NOT_MET',
  REFINING_BEADS: 'QUORUM_NOT_MET',
  VERIFYING_BEADS_COVERAGE: 'COVERAGE_FAILED',
  EXPANDING_BEADS: 'EXPANSION_FAILED',
  PRE_FLIGHT_CHECK: 'PREFLIGHT_FAILED',
  GENERATING_EXECUTION_SETUP_PLAN: 'EXECUTION_SETUP_PLAN_FAILED',
  PREPARING_EXECUTION_ENV: 'EXECUTION_SETUP_FAILED',
  CODING: 'CODING_FAILED',
  RUNNING_FINAL_TEST: 'TESTS_FAILED',
  GENERATING_QA_CHECKLIST: 'MANUAL_QA_CHECKLIST_FAILED',
  INTEGRATING_CHANGES: 'INTEGRATION_FAILED',
  CREATING_PULL_REQUEST: 'PULL_REQUEST_FAILED',
  CLEANING_ENV: 'CLEANUP_FAILED',
};

/** workflow.md §4.2: statuses that only wait for a human (or nothing) start no handler. */
export const WAITING_STATUSES: readonly TicketStatus[] = [
  'DRAFT',
  'WAITING_INTERVIEW_APPROVAL',
  'WAITING_PRD_APPROVAL',
  'WAITING_BEADS_APPROVAL',
  'WAITING_EXECUTION_SETUP_APPROVAL',
  'WAITING_MANUAL_QA',
  'WAITING_PR_REVIEW',
  'BLOCKED_ERROR',
  'COMPLETED',
  'CANCELED',
];
