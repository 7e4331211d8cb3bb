import { describe, expect, it } from 'vitest';
import { PhaseError } from '../lifecycle/phase.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import {
  type ContinueFacts,
  type ContinueRefusal,
  checkContinue,
  findPromptFailure,
  promptFailureDiagnostics,
  readContinuation,
} from './continuation.ts';

const PHASE = 'GENERATING_EXECUTION_SETUP_PLAN';

/** A blocked ticket whose open error can continue; each row below breaks one condition. */
const eligible: ContinueFacts = {
  ticketId: 7,
  status: 'BLOCKED_ERROR',
  previousStatus: PHASE,
  occurrence: {
    blockedFromStatus: PHASE,
    errorMessage: 'APIError: Too Many Requests (HTTP 429)',
    diagnostics: { sessionId: 'ses_1', failureKind: 'runtime', failureClass: 'rate_limited' },
  },
  session: { ticketId: 7, phase: PHASE, state: 'active', directory: '/tmp/wt' },
};

describe('checkContinue', () => {
  it('allows a continuable failure with an active owned session of the blocked phase', () => {
    expect(checkContinue(eligible)).toEqual({
      ok: true,
      previousStatus: PHASE,
      sessionId: 'ses_1',
      directory: '/tmp/wt',
      failureClass: 'rate_limited',
    });
  });

  it.each<[string, Partial<ContinueFacts>, ContinueRefusal]>([
    ['the ticket is not blocked', { status: 'CODING' }, 'not_blocked'],
    ['previousStatus is unknown', { previousStatus: null }, 'no_previous_status'],
    ['the ticket was blocked at Start', { previousStatus: 'DRAFT' }, 'no_previous_status'],
    ['no error is open', { occurrence: undefined }, 'no_open_error'],
    [
      'the open error belongs to another phase',
      { occurrence: { ...eligible.occurrence, blockedFromStatus: 'CODING' } as ContinueFacts['occurrence'] },
      'no_open_error',
    ],
    [
      'the error has no diagnostic sessionId',
      { occurrence: { blockedFromStatus: PHASE, errorMessage: 'quorum', diagnostics: { failureClass: 'runtime' } } },
      'no_session',
    ],
    [
      'the error has no diagnostics at all',
      { occurrence: { blockedFromStatus: PHASE, errorMessage: 'x', diagnostics: null } },
      'no_session',
    ],
    [
      'the failure class is not continuable',
      {
        occurrence: {
          blockedFromStatus: PHASE,
          errorMessage: 'ProviderAuthError: invalid key',
          diagnostics: { sessionId: 'ses_1', failureClass: 'auth' },
        },
      },
      'not_continuable',
    ],
    ['LoopTroop has no row for the session', { session: undefined }, 'session_not_owned'],
    [
      'the session belongs to another ticket',
      { session: { ...eligible.session, ticketId: 8 } as never },
      'session_not_owned',
    ],
    [
      'the session ran in another phase',
      { session: { ...eligible.session, phase: 'CODING' } as never },
      'session_not_owned',
    ],
    [
      'the session was abandoned',
      { session: { ...eligible.session, state: 'abandoned' } as never },
      'session_not_active',
    ],
    ['the session completed', { session: { ...eligible.session, state: 'completed' } as never }, 'session_not_active'],
  ])('refuses when %s', (_why, change, reason) => {
    const check = checkContinue({ ...eligible, ...change });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toBe(reason);
      expect(check.message.length).toBeGreaterThan(10);
    }
  });

  it('names the status in the not-blocked refusal', () => {
    const check = checkContinue({ ...eligible, status: 'WAITING_PR_REVIEW' });
    expect(check).toMatchObject({ ok: false, message: expect.stringContaining('WAITING_PR_REVIEW') });
  });
});

describe('readContinuation', () => {
  it('keeps a stored failure class', () => {
    expect(readContinuation({ sessionId: 's', failureClass: 'overloaded' }, 'x', PHASE)).toEqual({
      sessionId: 's',
      failureClass: 'overloaded',
    });
  });

  it('reclassifies a handler-level class (structured output vocabulary) from kind and message', () => {
    expect(readContinuation({ sessionId: 's', failureClass: 'runtime' }, 'HTTP 503', PHASE)?.failureClass).toBe(
      'server_error',
    );
    expect(
      readContinuation({ sessionId: 's', failureKind: 'timeout', failureClass: 'timeout' }, 'x', 'CODING'),
    ).toEqual({
      sessionId: 's',
      failureClass: 'coding_iteration_timeout',
    });
  });

  it('is undefined without a session id', () => {
    expect(readContinuation({ failureClass: 'rate_limited' }, 'x', PHASE)).toBeUndefined();
    expect(readContinuation('not an object', 'x', PHASE)).toBeUndefined();
  });
});

describe('promptFailureDiagnostics', () => {
  it('carries the session id and failure class of a prompt failure wrapped as a PhaseError cause', () => {
    const failure = new PromptFailure('runtime', 'APIError: Too Many Requests (HTTP 429)', 'ses_9');
    const error = new PhaseError('The scan failed', ['RELEVANT_FILES_SCAN_FAILED'], undefined, { cause: failure });
    expect(findPromptFailure(error)).toBe(failure);
    expect(promptFailureDiagnostics(error, 'SCANNING_RELEVANT_FILES')).toEqual({
      sessionId: 'ses_9',
      failureKind: 'runtime',
      failureClass: 'rate_limited',
      continuable: true,
    });
  });

  it('reads a prompt failure thrown directly, and marks a CODING deadline as not continuable', () => {
    const diagnostics = promptFailureDiagnostics(new PromptFailure('timeout', 'late', 'ses_2'), 'CODING');
    expect(diagnostics).toMatchObject({
      sessionId: 'ses_2',
      failureClass: 'coding_iteration_timeout',
      continuable: false,
    });
  });

  it('adds nothing for failures that did not come from a prompt', () => {
    expect(promptFailureDiagnostics(new PhaseError('quorum', ['QUORUM_NOT_MET']), 'DRAFTING_PRD')).toEqual({});
    expect(promptFailureDiagnostics('a string', 'DRAFTING_PRD')).toEqual({});
  });
});
