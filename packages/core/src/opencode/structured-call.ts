import { correctionPrompt, parseStructured, type StructuredSpec } from '../structured/index.ts';
import { PromptFailure } from './prompt-error.ts';
import type { OpencodeService, PromptOutcome, PromptRun } from './service.ts';

export interface RawAttempt {
  attempt: number;
  stage: 'initial' | 'repair' | 'fresh';
  outcome: 'accepted' | 'rejected';
  rawResponse: string;
  sessionId: string | null;
  validationError?: string;
  failureClass?: string;
}

export type StructuredCallResult<T> =
  | { ok: true; value: T; outcome: PromptOutcome; attempts: RawAttempt[] }
  | {
      ok: false;
      error: string;
      failureClass: string;
      attempts: RawAttempt[];
      /** The prompt failure behind the last attempt, when it was one (its session is kept for Continue). */
      failure?: PromptFailure;
    };

/**
 * One structured model call with the retry classes of workflow.md §12.1: a validation failure continues the same
 * session with a correction prompt; empty output or a runtime failure starts a fresh session with the original
 * prompt. At most `retries` retries after the first answer. Every raw answer is kept for diagnosis.
 */
export async function callStructured<T>(
  opencode: Pick<OpencodeService, 'runPrompt'>,
  run: PromptRun,
  spec: StructuredSpec<T> & { formatReminder: string; preparse?: (text: string) => string },
  retries: number,
  /** Pick the spec from the answer (e.g. a batch or a completion tag); defaults to `spec`. */
  specFor: (text: string) => StructuredSpec<T> & { formatReminder: string } = () => spec,
): Promise<StructuredCallResult<T>> {
  const attempts: RawAttempt[] = [];
  let next: PromptRun = run;
  // Only the first attempt may resume a continued session (workflow.md §4.4); retries follow §12.1 as usual.
  const retry: PromptRun = { ...run, resume: undefined };
  let stage: RawAttempt['stage'] = 'initial';
  let lastError = 'no answer';
  let lastClass = 'empty';
  let lastFailure: PromptFailure | undefined;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    let outcome: PromptOutcome;
    try {
      outcome = await opencode.runPrompt(next);
    } catch (error) {
      if (error instanceof PromptFailure && error.kind === 'aborted') throw error;
      lastError = error instanceof Error ? error.message : String(error);
      lastClass = error instanceof PromptFailure ? error.kind : 'runtime';
      lastFailure = error instanceof PromptFailure ? error : undefined;
      attempts.push({
        attempt,
        stage,
        outcome: 'rejected',
        rawResponse: '',
        sessionId: lastFailure?.sessionId ?? null,
        validationError: lastError,
        failureClass: lastClass,
      });
      if (lastClass === 'timeout') break; // a timed-out model gets no second chance inside the same deadline
      next = retry;
      stage = 'fresh';
      continue;
    }
    lastFailure = undefined;
    const chosen = specFor(outcome.text);
    const parsed = parseStructured(spec.preparse ? spec.preparse(outcome.text) : outcome.text, chosen);
    if (parsed.ok) {
      attempts.push({ attempt, stage, outcome: 'accepted', rawResponse: outcome.text, sessionId: outcome.sessionId });
      return { ok: true, value: parsed.value, outcome, attempts };
    }
    lastError = parsed.error;
    lastClass = parsed.failureClass;
    attempts.push({
      attempt,
      stage,
      outcome: 'rejected',
      rawResponse: outcome.text,
      sessionId: outcome.sessionId,
      validationError: parsed.error,
      failureClass: parsed.failureClass,
    });
    if (parsed.failureClass === 'empty') {
      next = retry;
      stage = 'fresh';
    } else {
      next = {
        ...retry,
        continueSessionId: outcome.sessionId,
        text: correctionPrompt(parsed, outcome.text, { formatReminder: chosen.formatReminder }),
      };
      stage = 'repair';
    }
  }
  return {
    ok: false,
    error: lastError,
    failureClass: lastClass,
    attempts,
    ...(lastFailure && { failure: lastFailure }),
  };
}
