import { AppError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import type { OpencodeService, PromptOutcome, PromptRun } from '../opencode/service.ts';
import { correctionPrompt, parseStructured, type StructuredSpec } from '../structured/index.ts';
import type { CouncilMember, MemberCall, MemberOutcome, RawAttempt, RepairWarning, Usage } from './schema.ts';

export type CouncilSpec<T> = StructuredSpec<T> & { formatReminder: string };

export interface MemberCallInput<T> {
  /** The first prompt of the member; `text` is the original prompt every retry starts from. */
  run: Omit<PromptRun, 'timeoutMs' | 'continueSessionId'>;
  spec: CouncilSpec<T>;
  /** workflow.md §12.1: retries after the first answer (`structuredRetryCount`). */
  retries: number;
  /** workflow.md §5.2.2: the round's shared deadline (epoch ms); each attempt gets what is left of it. */
  deadlineMs: number;
  clock: Clock;
}

interface CallTrace {
  attempts: RawAttempt[];
  sessionIds: string[];
  usage: Usage;
}

export type MemberCallResult<T> =
  | ({ outcome: 'completed'; value: T; warnings: RepairWarning[]; repaired: boolean } & CallTrace)
  | ({ outcome: Exclude<MemberOutcome, 'completed'>; error: string; failureClass: string } & CallTrace);

const addUsage = (usage: Usage, answer: PromptOutcome): Usage => ({
  inputTokens: usage.inputTokens + answer.tokens.input,
  outputTokens: usage.outputTokens + answer.tokens.output,
  costUsd: usage.costUsd + answer.costUsd,
  promptChars: usage.promptChars + answer.promptChars,
});

export const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0, promptChars: 0 };

/**
 * One council member's structured answer (workflow.md §5.2.3, §12.1): every retry is a FRESH session. A validation
 * failure sends the original prompt plus the validation error and the rejected output; an empty answer, a prompt
 * echo, a truncated answer or a provider failure sends the original prompt again. A timeout ends the member (the
 * round's deadline is shared, so there is no time left to retry). Cancellation propagates.
 */
export async function callMember<T>(
  opencode: Pick<OpencodeService, 'runPrompt'>,
  input: MemberCallInput<T>,
): Promise<MemberCallResult<T>> {
  const { run, spec, clock } = input;
  const trace: CallTrace = { attempts: [], sessionIds: [], usage: NO_USAGE };
  let text = run.text;
  let last: { outcome: 'invalid_output' | 'failed'; error: string; failureClass: string } = {
    outcome: 'failed',
    error: 'no answer',
    failureClass: 'runtime',
  };
  for (let attempt = 1; attempt <= input.retries + 1; attempt++) {
    const stage = attempt === 1 ? 'initial' : 'fresh';
    const remainingMs = input.deadlineMs - clock.now().getTime();
    if (remainingMs <= 0) {
      return { outcome: 'timed_out', error: 'the council response budget ran out', failureClass: 'timeout', ...trace };
    }
    let answer: PromptOutcome;
    try {
      const title = attempt === 1 ? run.title : `${run.title} · retry ${attempt - 1}`;
      answer = await opencode.runPrompt({ ...run, title, text, timeoutMs: remainingMs });
    } catch (error) {
      if (run.signal.aborted || (error instanceof PromptFailure && error.kind === 'aborted')) throw error;
      if (error instanceof AppError) throw error; // our own precondition (e.g. no workspace): not the member's fault
      const kind = error instanceof PromptFailure ? error.kind : 'runtime';
      const message = error instanceof Error ? error.message : String(error);
      const sessionId = error instanceof PromptFailure ? error.sessionId : null;
      if (sessionId) trace.sessionIds.push(sessionId);
      trace.attempts.push({
        attempt,
        stage,
        outcome: 'rejected',
        rawResponse: '',
        sessionId,
        validationError: message,
        failureClass: kind,
      });
      if (kind === 'timeout') return { outcome: 'timed_out', error: message, failureClass: 'timeout', ...trace };
      last = { outcome: 'failed', error: message, failureClass: kind };
      text = run.text;
      continue;
    }
    trace.sessionIds.push(answer.sessionId);
    trace.usage = addUsage(trace.usage, answer);
    const parsed = parseStructured(answer.text, spec);
    if (parsed.ok) {
      trace.attempts.push({
        attempt,
        stage,
        outcome: 'accepted',
        rawResponse: answer.text,
        sessionId: answer.sessionId,
      });
      return {
        outcome: 'completed',
        value: parsed.value,
        warnings: parsed.warnings,
        repaired: parsed.repaired,
        ...trace,
      };
    }
    // workflow.md §5.8: a `length` finish is truncation, not a schema error, and the diagnostics say so.
    const truncated = answer.finish === 'length';
    const failureClass = truncated ? 'truncated' : parsed.failureClass;
    const error = truncated ? `output truncated (finish reason = length): ${parsed.error}` : parsed.error;
    trace.attempts.push({
      attempt,
      stage,
      outcome: 'rejected',
      rawResponse: answer.text,
      sessionId: answer.sessionId,
      validationError: error,
      failureClass,
    });
    last = { outcome: 'invalid_output', error, failureClass };
    const correctable = !truncated && parsed.failureClass !== 'empty' && parsed.failureClass !== 'prompt_echo';
    text = correctable
      ? `${run.text}\n\n${correctionPrompt(parsed, answer.text, { formatReminder: spec.formatReminder })}`
      : run.text;
  }
  return { ...last, ...trace };
}

/** The per-member fields every council row shares, before the member ran. */
export function pendingCall(member: CouncilMember): MemberCall {
  return {
    memberId: member.modelId,
    variant: member.variant,
    status: 'pending',
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    error: null,
    failureClass: null,
    sessionIds: [],
    rawAttempts: [],
    warnings: [],
    repaired: false,
    usage: NO_USAGE,
  };
}

/** The per-member fields every council row shares, once the member's call ended. */
export function finishedCall<T>(
  member: CouncilMember,
  result: MemberCallResult<T>,
  startedAt: Date,
  finishedAt: Date,
): MemberCall {
  const completed = result.outcome === 'completed';
  return {
    memberId: member.modelId,
    variant: member.variant,
    status: result.outcome,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    error: completed ? null : result.error,
    failureClass: completed ? null : result.failureClass,
    sessionIds: result.sessionIds,
    rawAttempts: result.attempts,
    warnings: completed ? result.warnings : [],
    repaired: completed ? result.repaired : false,
    usage: result.usage,
  };
}
