import type { Bead } from '../beads/schema.ts';
import { abortableSleep } from '../execution/deps.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import { CONTINUE_PROMPT } from '../opencode/resume.ts';
import type { PromptOutcome, PromptRun } from '../opencode/service.ts';
import { correctionPrompt, parseStructured } from '../structured/index.ts';
import { type BeadStatusMarker, beadStatusSpec, failingChecks, isPassing } from './bead-status.ts';
import type { IterationOutcome } from './checkpoint.ts';
import { keepWorkingPrompt } from './coding-prompts.ts';
import type { CodingDeps } from './deps.ts';

// workflow.md §10.6 steps 3–6: one iteration of one bead in one fresh owned session. The deadline covers the whole
// iteration (the work, the checks, every reminder); its expiry is an iteration timeout, never "marker missing".

/** §15: session creation is retried after 1 s, 3 s and 7 s. */
export const SESSION_BACKOFF_MS = [1000, 3000, 7000] as const;

/**
 * Keep-working reminders per iteration. The spec bounds the iteration by its deadline only; a count bound as well
 * means an agent that keeps reporting failing checks gets a fresh context (Ralph) instead of burning the whole
 * deadline in a session whose context already led it astray. The bound is `structuredRetryCount` + 1 (at least one
 * reminder even when structured retries are off, since this is not a format problem).
 */
export const keepWorkingBudget = (structuredRetryCount: number) => structuredRetryCount + 1;

/** With `perIterationTimeout` 0 (no deadline) a prompt still needs a finite timeout: one day. */
const NO_DEADLINE_MS = 24 * 3600_000;

export interface IterationRecord {
  sessionId: string | null;
  outcome: IterationOutcome;
  marker: BeadStatusMarker | null;
  turns: { prompt: string; output: string }[];
  errors: string[];
  /** A provider or session interruption (§10.6): the ticket blocks with the session preserved for Continue. */
  interruption: PromptFailure | null;
}

/** A record before anything happened: an iteration that fails before its first answer is recorded as this. */
export const emptyRecord = (): IterationRecord => ({
  sessionId: null,
  outcome: 'error',
  marker: null,
  turns: [],
  errors: [],
  interruption: null,
});

export interface IterationInput {
  bead: Bead;
  prompt: string;
  /** `perIterationTimeout` in seconds (0 = no deadline). */
  timeoutSeconds: number;
  structuredRetryCount: number;
  /** `opencodeRetryLimit` and `opencodeRetryDelay` (seconds): the provider-retry budget of each prompt. */
  retryLimit: number;
  retryGraceSeconds: number;
  /** The preserved session a Continue resumes with exactly `continue please` (§4.4). */
  resume?: { sessionId: string };
}

/** The session slot of a bead iteration: Continue resumes only a session opened by this same slot (opencode/resume). */
export function iterationSlot(ctx: PhaseContext, bead: Bead) {
  return {
    ticket: ctx.ticket,
    phase: ctx.status,
    phaseAttempt: ctx.phaseAttempt,
    beadId: bead.id,
    iteration: bead.iteration,
    title: `${ctx.ticket.externalId} · bead ${bead.id} (iteration ${bead.iteration})`,
    step: 'coding',
    model: ctx.locked.mainImplementer,
    variant: ctx.locked.mainImplementerVariant,
  };
}

export async function runIteration(
  deps: CodingDeps,
  ctx: PhaseContext,
  input: IterationInput,
): Promise<IterationRecord> {
  const { bead } = input;
  const record = emptyRecord();
  let deadline = Date.now() + (input.timeoutSeconds > 0 ? input.timeoutSeconds * 1000 : NO_DEADLINE_MS);
  const spec = beadStatusSpec(bead.id);
  const slot = iterationSlot(ctx, bead);
  const send = async (text: string, first: boolean): Promise<PromptOutcome> => {
    // Default tools (§13 `default`: normal tools, web tools off).
    const run: PromptRun = {
      ...slot,
      text,
      tools: { websearch: false, webfetch: false },
      // §10.6: provider interruptions spend the OpenCode retry budget, never the bead's.
      retryPolicy: { limit: input.retryLimit, graceMs: input.retryGraceSeconds * 1000 },
      pauseForQuestions: true,
      timeoutMs: Math.max(1, deadline - Date.now()),
      signal: ctx.signal,
      ...(record.sessionId ? { continueSessionId: record.sessionId } : {}),
      ...(first && input.resume ? { resume: input.resume } : {}),
    };
    return first
      ? withSessionRetry(deps, ctx.signal, () => deps.opencode.runPrompt(run))
      : deps.opencode.runPrompt(run);
  };
  let text = input.prompt;
  let repairs = 0;
  let reminders = 0;
  for (let first = true; ; first = false) {
    let outcome: PromptOutcome;
    try {
      outcome = await send(text, first);
    } catch (error) {
      if (!(error instanceof PromptFailure)) throw error;
      if (error.kind === 'aborted' || ctx.signal.aborted) throw error;
      record.sessionId = error.sessionId ?? record.sessionId;
      record.turns.push({ prompt: text, output: '' });
      record.errors.push(error.message);
      if (error.kind === 'timeout') record.outcome = 'iteration_timeout';
      else record.interruption = error;
      return record;
    }
    record.sessionId = outcome.sessionId;
    // Time the agent spent waiting for the operator's answer does not count against the iteration (§10.6).
    deadline += outcome.pausedMs ?? 0;
    // After Continue, OpenCode got exactly `continue please` instead of the prompt (§4.4); record what was sent.
    const sent = first && input.resume && outcome.sessionId === input.resume.sessionId ? CONTINUE_PROMPT : text;
    record.turns.push({ prompt: sent, output: outcome.text });
    // An answer that arrives after the deadline (a runtime that ignored the abort) never counts: the iteration
    // already timed out, and late output can never finalize the bead (§10.6 Ralph step 3).
    if (Date.now() >= deadline) {
      record.outcome = 'iteration_timeout';
      record.errors.push(`the answer arrived after the ${input.timeoutSeconds} s iteration deadline and was ignored`);
      return record;
    }
    const parsed = parseStructured(outcome.text, spec);
    if (!parsed.ok) {
      record.errors.push(`no valid <BEAD_STATUS> marker: ${parsed.error}`);
      if (repairs >= input.structuredRetryCount) {
        record.outcome = 'marker_missing';
        return record;
      }
      repairs++;
      text = correctionPrompt(parsed, outcome.text, spec);
      continue;
    }
    record.marker = parsed.value;
    if (isPassing(parsed.value)) {
      record.outcome = 'done';
      return record;
    }
    const problem =
      parsed.value.status !== 'done'
        ? `status is ${parsed.value.status}${parsed.value.reason ? ` (${parsed.value.reason})` : ''}`
        : `these checks did not pass: ${failingChecks(parsed.value).join(', ')}`;
    record.errors.push(`the marker does not pass: ${problem}`);
    if (reminders >= keepWorkingBudget(input.structuredRetryCount)) {
      record.outcome = 'not_passing';
      return record;
    }
    reminders++;
    text = keepWorkingPrompt(bead.id, problem);
  }
}

/** §15: a session that cannot be created is retried after 1/3/7 s; a failed prompt (PromptFailure) is not. */
async function withSessionRetry<T>(deps: CodingDeps, signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const delay = SESSION_BACKOFF_MS[attempt];
      if (error instanceof PromptFailure || delay === undefined || signal.aborted) throw error;
      await (deps.sleep ?? abortableSleep)(delay, signal);
    }
  }
}
