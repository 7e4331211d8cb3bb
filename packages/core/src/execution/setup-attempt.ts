import { DISABLED_TOOLS } from '../council/index.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import type { PromptOutcome } from '../opencode/service.ts';
import { correctionPrompt, parseStructured } from '../structured/index.ts';
import type { ExecutionDeps } from './deps.ts';
import type { ExecutionSetupPlan } from './setup-plan-schema.ts';
import { isProgressOnlyReply, type SetupResult, setupResultSpec } from './setup-result.ts';
import type { ProbeOutcome, Verification } from './setup-verification.ts';
import { verifyAttempt } from './verify-attempt.ts';

/** §13: `execution_setup_online` = the default tools plus web search and fetch. */
export const SETUP_ONLINE_TOOLS: Readonly<Record<string, boolean>> = { websearch: true, webfetch: true };
/** §10.5 step 4: a progress-only reply is continued at most twice. */
export const MAX_PROGRESS_CONTINUATIONS = 2;
export const CONTINUE_PROGRESS =
  'Continue the setup. When you are done, answer with the <EXECUTION_SETUP_RESULT> block only.';

export interface AttemptRecord {
  attempt: number;
  sessionId: string | null;
  rawResponses: string[];
  result: SetupResult | null;
  verification: Verification | null;
  probes: ProbeOutcome[];
  error: string | null;
  startedAt: string;
  endedAt: string;
}

/** The setup session for one attempt: prompt, progress continuations, structured repairs (§10.5 steps 2–4). */
async function runSession(
  deps: ExecutionDeps,
  ctx: PhaseContext,
  text: string,
  signal: AbortSignal,
  deadline: number,
  record: AttemptRecord,
  continueSessionId?: string,
): Promise<SetupResult | null> {
  const remaining = () => Math.max(1, deadline - Date.now());
  const base = {
    ticket: ctx.ticket,
    phase: ctx.status,
    phaseAttempt: ctx.phaseAttempt,
    iteration: record.attempt,
    title: `${ctx.ticket.externalId} · workspace setup (attempt ${record.attempt})`,
    model: ctx.locked.mainImplementer,
    variant: ctx.locked.mainImplementerVariant,
    tools: { ...SETUP_ONLINE_TOOLS },
    signal,
  };
  let next = { ...base, text, timeoutMs: remaining(), ...(continueSessionId && { continueSessionId }) };
  let progress = 0;
  let repairs = 0;
  for (;;) {
    const outcome: PromptOutcome = await deps.opencode.runPrompt(next);
    record.sessionId = outcome.sessionId;
    record.rawResponses.push(outcome.text);
    if (isProgressOnlyReply(outcome.text)) {
      progress++;
      if (progress > MAX_PROGRESS_CONTINUATIONS) {
        record.error = `The agent only reported progress ${progress} times without a result`;
        return null;
      }
      next = { ...base, text: CONTINUE_PROGRESS, timeoutMs: remaining(), continueSessionId: outcome.sessionId };
      continue;
    }
    const parsed = parseStructured(outcome.text, setupResultSpec);
    if (parsed.ok) return parsed.value;
    if (repairs >= ctx.locked.structuredRetryCount) {
      record.error = `The setup result is not valid: ${parsed.error}`;
      return null;
    }
    repairs++;
    next = {
      ...base,
      text: correctionPrompt(parsed, outcome.text, { formatReminder: setupResultSpec.formatReminder }),
      timeoutMs: remaining(),
      continueSessionId: outcome.sessionId,
    };
  }
}

/** One setup attempt with its own deadline (§10.5 step 8): session, result, and the backend's verification. */
export async function runSetupAttempt(
  deps: ExecutionDeps,
  ctx: PhaseContext,
  input: { attempt: number; plan: ExecutionSetupPlan; text: string; timeoutMs: number; continueSessionId?: string },
): Promise<AttemptRecord> {
  const record: AttemptRecord = {
    attempt: input.attempt,
    sessionId: null,
    rawResponses: [],
    result: null,
    verification: null,
    probes: [],
    error: null,
    startedAt: deps.clock.isoNow(),
    endedAt: '',
  };
  const deadline = Date.now() + (input.timeoutMs > 0 ? input.timeoutMs : 24 * 3600_000);
  const timeout = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
  const signal = AbortSignal.any([ctx.signal, timeout]);
  try {
    record.result = await runSession(deps, ctx, input.text, signal, deadline, record, input.continueSessionId);
    if (record.result?.status === 'ready') {
      const verified = await verifyAttempt(
        deps,
        ctx.ticket.worktreePath ?? '',
        input.plan,
        record.result,
        signal,
        deadline,
      );
      record.verification = verified.verification;
      record.probes = verified.probes;
      if (!verified.verification.ok) record.error = `Verification failed: ${verified.verification.failures.join('; ')}`;
    } else if (record.result) {
      record.error = `The agent reported blocked: ${record.result.summary}`;
    }
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    if (error instanceof PromptFailure && error.sessionId) record.sessionId = error.sessionId;
    record.error = timeout.aborted
      ? `The attempt ran out of its ${Math.round(input.timeoutMs / 1000)} s deadline`
      : error instanceof Error
        ? error.message
        : String(error);
  }
  record.endedAt = deps.clock.isoNow();
  return record;
}

/** §10.5 step 7: the retry note, in the same session with no tools. */
export async function writeRetryNote(
  deps: ExecutionDeps,
  ctx: PhaseContext,
  record: AttemptRecord,
  text: string,
): Promise<string | null> {
  if (!record.sessionId) return null;
  try {
    const outcome = await deps.opencode.runPrompt({
      ticket: ctx.ticket,
      phase: ctx.status,
      phaseAttempt: ctx.phaseAttempt,
      iteration: record.attempt,
      title: `${ctx.ticket.externalId} · setup retry note`,
      model: ctx.locked.mainImplementer,
      variant: ctx.locked.mainImplementerVariant,
      text,
      tools: { ...DISABLED_TOOLS },
      timeoutMs: 120_000,
      signal: ctx.signal,
      continueSessionId: record.sessionId,
    });
    return outcome.text.trim() || null;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return null;
  }
}
