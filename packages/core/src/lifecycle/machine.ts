import { z } from 'zod';
import { isTerminal, PLANNING_STATUSES, STATUSES, type TicketStatus } from './statuses.ts';

// workflow.md §4.1: the ticket state machine as a pure function. `transition` never touches storage;
// the runner persists what it returns.

export const WORKFLOW_EVENTS = [
  'START',
  'INIT_FAILED',
  'RELEVANT_FILES_READY',
  'QUESTIONS_READY',
  'WINNER_SELECTED',
  'READY',
  'BATCH_ANSWERED',
  'INTERVIEW_COMPLETE',
  'SKIP_ALL_TO_APPROVAL',
  'GAPS_FOUND',
  'COVERAGE_CLEAN',
  'COVERAGE_LIMIT_REACHED',
  'APPROVE',
  'DRAFTS_READY',
  'REFINED',
  'EXPANDED',
  'CHECKS_PASSED',
  'CHECKS_FAILED',
  'EXECUTION_SETUP_PLAN_READY',
  'EXECUTION_SETUP_PLAN_FAILED',
  'REGENERATE_EXECUTION_SETUP_PLAN',
  'APPROVE_EXECUTION_SETUP_PLAN',
  'EXECUTION_SETUP_READY',
  'EXECUTION_SETUP_EVIDENCE_CHANGED',
  'EXECUTION_SETUP_FAILED',
  'BEAD_COMPLETE',
  'ALL_BEADS_DONE',
  'BEAD_ERROR',
  'TESTS_PASSED',
  'TESTS_FAILED',
  'QA_CHECKLIST_READY',
  'MANUAL_QA_COMPLETE',
  'MANUAL_QA_SKIPPED',
  'MANUAL_QA_FIXES_CREATED',
  'INTEGRATION_DONE',
  'PULL_REQUEST_READY',
  'MERGE_COMPLETE',
  'CLOSE_UNMERGED_COMPLETE',
  'CLEANUP_DONE',
  'RETRY',
  'CONTINUE',
  'CANCEL',
  'ERROR',
  'RESTART_PLANNING',
] as const;
export const WorkflowEventType = z.enum(WORKFLOW_EVENTS);
export type WorkflowEventType = z.infer<typeof WorkflowEventType>;

/** Facts a guard may need; all optional so pure callers pass only what matters. */
export interface TransitionContext {
  previousStatus?: TicketStatus | null;
  lockedManualQaEnabled?: boolean;
  beadsCompleted?: number;
  beadsTotal?: number;
  /** RESTART_PLANNING target: DRAFTING_PRD after an interview edit, DRAFTING_BEADS after a PRD edit (§4.8). */
  restartTo?: TicketStatus;
}

export type TransitionResult =
  | { ok: true; to: TicketStatus }
  | { ok: false; reason: 'terminal' | 'not_allowed' | 'guard_failed'; message: string };

type Target = TicketStatus | ((ctx: TransitionContext) => TicketStatus | null);

const edges: Partial<Record<TicketStatus, Partial<Record<WorkflowEventType, Target>>>> = {
  DRAFT: { START: 'SCANNING_RELEVANT_FILES', INIT_FAILED: 'BLOCKED_ERROR' },
  SCANNING_RELEVANT_FILES: { RELEVANT_FILES_READY: 'COUNCIL_DELIBERATING' },
  COUNCIL_DELIBERATING: { QUESTIONS_READY: 'COUNCIL_VOTING_INTERVIEW' },
  COUNCIL_VOTING_INTERVIEW: { WINNER_SELECTED: 'COMPILING_INTERVIEW' },
  COMPILING_INTERVIEW: { READY: 'WAITING_INTERVIEW_ANSWERS' },
  WAITING_INTERVIEW_ANSWERS: {
    BATCH_ANSWERED: 'WAITING_INTERVIEW_ANSWERS',
    INTERVIEW_COMPLETE: 'VERIFYING_INTERVIEW_COVERAGE',
    SKIP_ALL_TO_APPROVAL: 'WAITING_INTERVIEW_APPROVAL',
  },
  VERIFYING_INTERVIEW_COVERAGE: {
    GAPS_FOUND: 'WAITING_INTERVIEW_ANSWERS',
    COVERAGE_CLEAN: 'WAITING_INTERVIEW_APPROVAL',
    COVERAGE_LIMIT_REACHED: 'WAITING_INTERVIEW_APPROVAL',
  },
  WAITING_INTERVIEW_APPROVAL: { APPROVE: 'DRAFTING_PRD' },
  DRAFTING_PRD: { DRAFTS_READY: 'COUNCIL_VOTING_PRD' },
  COUNCIL_VOTING_PRD: { WINNER_SELECTED: 'REFINING_PRD' },
  REFINING_PRD: { REFINED: 'VERIFYING_PRD_COVERAGE' },
  VERIFYING_PRD_COVERAGE: {
    COVERAGE_CLEAN: 'WAITING_PRD_APPROVAL',
    COVERAGE_LIMIT_REACHED: 'WAITING_PRD_APPROVAL',
    GAPS_FOUND: 'REFINING_PRD', // defensive edge, unused: the revise loop runs inside the status (§5.7)
  },
  WAITING_PRD_APPROVAL: { APPROVE: 'DRAFTING_BEADS' },
  DRAFTING_BEADS: { DRAFTS_READY: 'COUNCIL_VOTING_BEADS' },
  COUNCIL_VOTING_BEADS: { WINNER_SELECTED: 'REFINING_BEADS' },
  REFINING_BEADS: { REFINED: 'VERIFYING_BEADS_COVERAGE' },
  VERIFYING_BEADS_COVERAGE: {
    COVERAGE_CLEAN: 'EXPANDING_BEADS',
    COVERAGE_LIMIT_REACHED: 'EXPANDING_BEADS',
    GAPS_FOUND: 'REFINING_BEADS',
  },
  EXPANDING_BEADS: { EXPANDED: 'WAITING_BEADS_APPROVAL' },
  WAITING_BEADS_APPROVAL: { APPROVE: 'PRE_FLIGHT_CHECK' },
  PRE_FLIGHT_CHECK: { CHECKS_PASSED: 'GENERATING_EXECUTION_SETUP_PLAN', CHECKS_FAILED: 'BLOCKED_ERROR' },
  GENERATING_EXECUTION_SETUP_PLAN: {
    EXECUTION_SETUP_PLAN_READY: 'WAITING_EXECUTION_SETUP_APPROVAL',
    EXECUTION_SETUP_PLAN_FAILED: 'WAITING_EXECUTION_SETUP_APPROVAL',
  },
  WAITING_EXECUTION_SETUP_APPROVAL: {
    REGENERATE_EXECUTION_SETUP_PLAN: 'GENERATING_EXECUTION_SETUP_PLAN',
    APPROVE_EXECUTION_SETUP_PLAN: 'PREPARING_EXECUTION_ENV',
    APPROVE: 'PREPARING_EXECUTION_ENV',
  },
  PREPARING_EXECUTION_ENV: {
    EXECUTION_SETUP_READY: 'CODING',
    EXECUTION_SETUP_EVIDENCE_CHANGED: 'WAITING_EXECUTION_SETUP_APPROVAL',
    REGENERATE_EXECUTION_SETUP_PLAN: 'GENERATING_EXECUTION_SETUP_PLAN',
    EXECUTION_SETUP_FAILED: 'BLOCKED_ERROR',
  },
  CODING: {
    // §4.1 guard: leave CODING only when completed ≥ total and total > 0.
    BEAD_COMPLETE: ({ beadsCompleted = 0, beadsTotal = 0 }) =>
      beadsTotal > 0 && beadsCompleted >= beadsTotal ? 'RUNNING_FINAL_TEST' : 'CODING',
    ALL_BEADS_DONE: 'RUNNING_FINAL_TEST',
    BEAD_ERROR: 'BLOCKED_ERROR',
  },
  RUNNING_FINAL_TEST: {
    TESTS_PASSED: ({ lockedManualQaEnabled }) =>
      lockedManualQaEnabled ? 'GENERATING_QA_CHECKLIST' : 'INTEGRATING_CHANGES',
    TESTS_FAILED: 'BLOCKED_ERROR',
  },
  GENERATING_QA_CHECKLIST: { QA_CHECKLIST_READY: 'WAITING_MANUAL_QA' },
  WAITING_MANUAL_QA: {
    MANUAL_QA_COMPLETE: 'INTEGRATING_CHANGES',
    MANUAL_QA_SKIPPED: 'INTEGRATING_CHANGES',
    MANUAL_QA_FIXES_CREATED: 'CODING',
  },
  INTEGRATING_CHANGES: { INTEGRATION_DONE: 'CREATING_PULL_REQUEST' },
  CREATING_PULL_REQUEST: { PULL_REQUEST_READY: 'WAITING_PR_REVIEW' },
  WAITING_PR_REVIEW: { MERGE_COMPLETE: 'CLEANING_ENV', CLOSE_UNMERGED_COMPLETE: 'CLEANING_ENV' },
  CLEANING_ENV: { CLEANUP_DONE: 'COMPLETED' },
  BLOCKED_ERROR: {
    RETRY: ({ previousStatus }) => resumable(previousStatus),
    CONTINUE: ({ previousStatus }) => resumable(previousStatus),
    // §4.4 "Edit setup plan…": a blocked workspace setup goes back to the setup-plan gate (the manual-edit rewind).
    EXECUTION_SETUP_EVIDENCE_CHANGED: ({ previousStatus }) =>
      previousStatus === 'PREPARING_EXECUTION_ENV' ? 'WAITING_EXECUTION_SETUP_APPROVAL' : null,
  },
};

/** BLOCKED_ERROR resumes into previousStatus: any non-terminal, non-error status. */
function resumable(previous: TicketStatus | null | undefined): TicketStatus | null {
  if (!previous || previous === 'BLOCKED_ERROR' || isTerminal(previous)) return null;
  return previous;
}

// workflow.md §4.8: a saved edit of an approved planning document restarts planning from the step after it. It is
// accepted from the PRD and beads statuses (and BLOCKED_ERROR blocked there), never from the execution band.
const PLANNING_RESTART_FROM = PLANNING_STATUSES;
const BEADS_FROM = PLANNING_RESTART_FROM.indexOf('DRAFTING_BEADS');

function planningRestart(from: TicketStatus, ctx: TransitionContext): TransitionResult {
  const at = from === 'BLOCKED_ERROR' ? ctx.previousStatus : from;
  const to = ctx.restartTo;
  const index = at ? PLANNING_RESTART_FROM.indexOf(at) : -1;
  const allowed = index >= 0 && (to === 'DRAFTING_PRD' || (to === 'DRAFTING_BEADS' && index >= BEADS_FROM));
  if (!allowed || !to) return { ok: false, reason: 'not_allowed', message: `planning cannot restart from ${from}` };
  return { ok: true, to };
}

export function transition(
  from: TicketStatus,
  event: WorkflowEventType,
  ctx: TransitionContext = {},
): TransitionResult {
  if (isTerminal(from)) return { ok: false, reason: 'terminal', message: `${from} is terminal` };
  if (event === 'RESTART_PLANNING') return planningRestart(from, ctx);
  // §4.1: every non-terminal status accepts CANCEL; every one except DRAFT and BLOCKED_ERROR accepts ERROR.
  if (event === 'CANCEL') return { ok: true, to: 'CANCELED' };
  if (event === 'ERROR') {
    if (from === 'DRAFT' || from === 'BLOCKED_ERROR') {
      return { ok: false, reason: 'not_allowed', message: `${from} does not accept ERROR` };
    }
    return { ok: true, to: 'BLOCKED_ERROR' };
  }
  const target = edges[from]?.[event];
  if (target === undefined) return { ok: false, reason: 'not_allowed', message: `${from} does not accept ${event}` };
  const to = typeof target === 'function' ? target(ctx) : target;
  if (to === null) return { ok: false, reason: 'guard_failed', message: `${event} from ${from}: guard failed` };
  return { ok: true, to };
}

/** All statuses that accept `event` (for docs, the dev-event route and tests). */
export function statusesAccepting(event: WorkflowEventType): TicketStatus[] {
  return STATUSES.filter((status) => edges[status]?.[event] !== undefined);
}
