import type { SetupResult } from './setup-result.ts';

// workflow.md §10.5 step 7: after a failed attempt, retry (fresh session, fresh deadline) unless `not_provisionable`
// with a reason, repeated identical tooling blockers, or a spent budget says stop.

export type AttemptOutcome =
  | { kind: 'accepted' }
  | { kind: 'not_provisionable'; reasons: string[] }
  | { kind: 'failed'; blockers: string[]; message: string };

export type NextStep =
  | { kind: 'done' }
  | { kind: 'retry'; attempt: number }
  | { kind: 'stop'; code: 'EXECUTION_SETUP_FAILED'; reason: string };

/** `blocked` with a not-provisionable tool and its reason stops at once. */
export function notProvisionable(result: SetupResult): string[] {
  if (result.status !== 'blocked') return [];
  return result.profile.toolRequirements
    .filter((t) => t.status === 'not_provisionable' && t.failureReason)
    .map((t) => `${t.launcher}: ${t.failureReason}`);
}

/** The tooling blockers of an attempt, as a stable signature (sorted launchers that failed). */
export function toolingBlockers(result: SetupResult | null): string[] {
  if (!result) return [];
  return result.profile.toolRequirements
    .filter((t) => t.status === 'failed' || t.status === 'not_provisionable')
    .map((t) => t.launcher)
    .sort();
}

/** What to do after attempt `history.length` of `budget`. */
export function nextSetupStep(history: readonly AttemptOutcome[], budget: number): NextStep {
  const last = history.at(-1);
  if (!last) return { kind: 'retry', attempt: 1 };
  if (last.kind === 'accepted') return { kind: 'done' };
  if (last.kind === 'not_provisionable')
    return { kind: 'stop', code: 'EXECUTION_SETUP_FAILED', reason: `Not provisionable: ${last.reasons.join('; ')}` };
  const previous = history.at(-2);
  if (
    previous?.kind === 'failed' &&
    last.blockers.length > 0 &&
    previous.blockers.join('|') === last.blockers.join('|')
  )
    return {
      kind: 'stop',
      code: 'EXECUTION_SETUP_FAILED',
      reason: `The same tooling blockers repeated (${last.blockers.join(', ')}): ${last.message}`,
    };
  if (history.length >= budget)
    return {
      kind: 'stop',
      code: 'EXECUTION_SETUP_FAILED',
      reason: `Setup failed after ${history.length} attempt(s): ${last.message}`,
    };
  return { kind: 'retry', attempt: history.length + 1 };
}
