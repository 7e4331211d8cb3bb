import type { Db } from '../db/client.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { LogService } from '../logs/service.ts';
import { selectTicketById, type TicketRow } from '../tickets/store.ts';
import { createCatalogCache } from './catalog-cache.ts';
import type { AgentEvent, AgentRuntime, ModelCheck, PromptResult } from './client.ts';
import { PromptFailure } from './prompt-error.ts';
import { pausableTimeout } from './question-pause.ts';
import { CONTINUE_PROMPT, resumableSession } from './resume.ts';
import { type RetryPolicy, watchRetries } from './retry-watch.ts';
import { type ModelsResponse, type OpencodeHealth, type OpencodeQuestion, UNREACHABLE_MESSAGE } from './schema.ts';
import {
  insertQuestion,
  insertSession,
  insertTurnMetrics,
  type QuestionRow,
  resolveQuestion,
  selectActiveSessions,
  selectQuestion,
  selectQuestions,
  selectSession,
  setSessionState,
} from './store.ts';

export interface PromptRun {
  ticket: TicketRow;
  phase: string;
  phaseAttempt: number;
  memberId?: string | null;
  beadId?: string | null;
  iteration?: number | null;
  /** Sessions always get a title: an untitled one costs an extra model call (spec README decision). */
  title: string;
  /** Which call of the phase this is, stored on the session row (§15 `step`); defaults to the title. */
  step?: string;
  model: string;
  variant?: string | null;
  text: string;
  tools?: Record<string, boolean>;
  timeoutMs: number;
  signal: AbortSignal;
  /** Continue an owned session (structured repair retries) instead of opening a fresh one. */
  continueSessionId?: string;
  /**
   * workflow.md §4.4 CONTINUE: the preserved session of a continued error. When it is still resumable, the prompt goes
   * into it with the body `continue please` instead of `text`; otherwise this is ignored.
   */
  resume?: { sessionId: string };
  /**
   * Count OpenCode's provider retry events against `opencodeRetryLimit` and the grace window (§10.6, §15); once
   * exhausted the prompt fails as a continuable "retry budget exhausted" with its session preserved.
   */
  retryPolicy?: RetryPolicy;
  /** Stop the prompt's deadline while the agent waits for the operator's answer to a question (§10.6). */
  pauseForQuestions?: boolean;
}

export interface PromptOutcome extends PromptResult {
  sessionId: string;
  promptChars: number;
  /** How long the deadline stood still while the agent waited for an operator's answer (`pauseForQuestions`). */
  pausedMs?: number;
}

/** Rough token estimate for logging prompt size before the provider reports real counts. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

function toQuestion(row: QuestionRow, ticketRef: string): OpencodeQuestion {
  return {
    requestId: row.requestId,
    ticketId: ticketRef,
    sessionId: row.sessionId,
    phase: row.phase,
    state: row.state === 'replied' || row.state === 'rejected' ? row.state : 'pending',
    questions: row.questions as OpencodeQuestion['questions'], // stored from a normalized PendingQuestion
    answers: (row.answers as string[][] | null) ?? null,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
  };
}

/** Everything LoopTroop does with OpenCode: catalog, health, owned sessions, prompts, agent questions. */
export function createOpencodeService(deps: {
  db: Db;
  clock: Clock;
  events: EventBus;
  logs: LogService;
  runtime: AgentRuntime;
  /** Why OpenCode is missing, when startup already knows (a managed server that did not come up). */
  unavailableAdvice?: string;
}) {
  const { db, clock, events, logs, runtime } = deps;
  const advice = deps.unavailableAdvice ?? UNREACHABLE_MESSAGE;
  const catalog = createCatalogCache(runtime, clock);

  async function health(): Promise<OpencodeHealth> {
    const h = await runtime.health(3_000);
    return {
      status: h.reachable ? 'ok' : 'unavailable',
      reachable: h.reachable,
      version: h.version,
      url: h.url,
      latencyMs: h.latencyMs,
      ...(h.error && { error: h.error }),
      ...(!h.reachable && { advice }),
    };
  }

  async function models(): Promise<ModelsResponse> {
    const empty = { models: [], allModels: [], connectedProviders: [], defaultModels: {} };
    const h = await runtime.health(3_000);
    if (!h.reachable) return { ...empty, message: advice };
    try {
      return await catalog.get();
    } catch (error) {
      return {
        ...empty,
        message: `OpenCode model discovery failed: ${error instanceof Error ? error.message : error}`,
      };
    }
  }

  const checkModels: ModelCheck = async (ids) => {
    const h = await runtime.health(3_000);
    if (!h.reachable) return { ok: false, unreachable: true, message: `${advice} (looked at ${h.url})` };
    // Checked against a fresh catalogue: Start must not pass on a model OpenCode just dropped.
    catalog.invalidate();
    const known = new Set((await catalog.get()).models.map((m) => m.id));
    const missing = ids.filter((id) => !known.has(id));
    return missing.length ? { ok: false, missing } : { ok: true };
  };

  /** Live agent events of owned sessions → the ticket's log stream; agent questions → needs_input. */
  async function onAgentEvent(event: Exclude<AgentEvent, { type: 'catalog_changed' }>) {
    const session = await selectSession(db, event.sessionId);
    if (!session?.ticketId) return;
    const ticket = await selectTicketById(db, session.ticketId);
    if (!ticket) return;
    const base = { phase: session.phase, phaseAttempt: session.phaseAttempt, sessionId: event.sessionId };
    const source = session.memberId ? `model:${session.memberId}` : 'opencode';
    switch (event.type) {
      case 'text':
      case 'reasoning':
        if (!event.done) {
          await logs.write(ticket, {
            ...base,
            type: 'model_output',
            source,
            kind: event.type === 'text' ? 'text' : 'reasoning',
            op: 'upsert',
            streaming: true,
            entryId: event.partId,
            message: event.text.slice(-400),
            audience: 'ai',
          });
        }
        return;
      case 'tool':
        if (event.status === 'completed' || event.status === 'error') {
          await logs.write(ticket, {
            ...base,
            type: 'model_output',
            source,
            kind: 'tool',
            entryId: event.partId,
            message: `${event.tool}${event.title ? `: ${event.title}` : ''} (${event.status})`,
            ...(event.error && { content: event.error }),
            audience: 'ai',
          });
        }
        return;
      case 'question_asked': {
        const row = await insertQuestion(db, {
          requestId: event.question.requestId,
          ticketId: ticket.id,
          sessionId: event.sessionId,
          phase: session.phase,
          questions: event.question.questions,
          state: 'pending',
          createdAt: clock.isoNow(),
        });
        if (!row) return; // already registered
        await events.publish('needs_input', {
          ticketId: ticket.externalId,
          type: 'opencode_question',
          action: 'asked',
          requestId: row.requestId,
          sessionId: event.sessionId,
          phase: session.phase,
          questions: event.question.questions,
          questionCount: event.question.questions.length,
        });
        await logs.write(ticket, {
          ...base,
          kind: 'session',
          message: `[QUESTION] The agent asks: ${event.question.questions.map((q) => q.question).join(' / ')}`,
        });
        return;
      }
      default:
        return;
    }
  }

  const unsubscribe = runtime.onEvent((event) => {
    if (event.type === 'catalog_changed') return catalog.invalidate();
    onAgentEvent(event).catch((error) => console.error('[looptroop] agent event handling failed', error));
  });

  async function runPrompt(run: PromptRun): Promise<PromptOutcome> {
    const directory = run.ticket.worktreePath;
    if (!directory) throw new AppError('precondition_failed', 'The ticket has no workspace');
    const resumed = await resumableSession(db, run);
    const existing = resumed ?? run.continueSessionId;
    const text = resumed ? CONTINUE_PROMPT : run.text;
    const sessionId = existing ?? (await runtime.createSession({ directory, title: run.title }));
    const now = clock.isoNow();
    if (existing) await setSessionState(db, sessionId, 'active', now);
    else
      await insertSession(db, {
        sessionId,
        ticketId: run.ticket.id,
        phase: run.phase,
        phaseAttempt: run.phaseAttempt,
        memberId: run.memberId ?? null,
        beadId: run.beadId ?? null,
        iteration: run.iteration ?? null,
        step: run.step ?? run.title,
        directory,
        state: 'active',
        createdAt: now,
        updatedAt: now,
      });
    const promptChars = text.length;
    const source = run.memberId ? `model:${run.memberId}` : 'opencode';
    await logs.write(run.ticket, {
      phase: run.phase,
      phaseAttempt: run.phaseAttempt,
      type: 'info',
      source,
      kind: 'prompt',
      audience: 'ai',
      sessionId,
      modelId: run.model,
      message: resumed
        ? `Continuing session ${sessionId} of ${run.model} with "${CONTINUE_PROMPT}"`
        : `Prompt sent to ${run.model} (${promptChars} chars, ~${estimateTokens(text)} tokens)`,
      data: { promptChars, estimatedTokens: estimateTokens(text), title: run.title, continued: Boolean(resumed) },
    });
    // §10.6 OpenCode questions: a prompt that may ask the operator keeps its deadline still while it waits.
    const pausable = run.pauseForQuestions ? pausableTimeout(runtime, sessionId, run.timeoutMs) : null;
    const timeout = pausable?.signal ?? AbortSignal.timeout(run.timeoutMs);
    const retries = run.retryPolicy ? watchRetries(runtime, sessionId, run.retryPolicy) : null;
    const signal = AbortSignal.any([run.signal, timeout, ...(retries ? [retries.signal] : [])]);
    let result: PromptResult;
    try {
      result = await runtime.prompt({
        sessionId,
        directory,
        model: run.model,
        variant: run.variant ?? null,
        text,
        ...(run.tools && { tools: run.tools }),
        signal,
      });
    } catch (error) {
      await runtime.abort(sessionId, directory).catch(() => undefined); // best effort: the session may be gone
      if (run.signal.aborted) {
        await setSessionState(db, sessionId, 'abandoned', clock.isoNow());
        throw new PromptFailure('aborted', 'The prompt was canceled', sessionId);
      }
      // architecture.md §5.3: a timeout or provider failure keeps the row `active`, preserved for Continue
      // (workflow.md §4.4); cancel, Retry and restart recovery abandon it.
      if (timeout.aborted) {
        throw new PromptFailure(
          'timeout',
          `${run.model} did not answer within ${Math.round(run.timeoutMs / 1000)} s`,
          sessionId,
        );
      }
      const exhausted = retries?.reason();
      if (exhausted) throw new PromptFailure('runtime', exhausted, sessionId);
      throw new PromptFailure('runtime', error instanceof Error ? error.message : String(error), sessionId);
    } finally {
      retries?.stop();
      pausable?.stop();
    }
    // workflow.md §4.5: a reply that arrives after the cancel is not a result; the phase never sees it.
    if (run.signal.aborted) {
      await setSessionState(db, sessionId, 'abandoned', clock.isoNow());
      throw new PromptFailure('aborted', 'The prompt was canceled', sessionId);
    }
    if (!result.error) await setSessionState(db, sessionId, 'completed', clock.isoNow());
    await insertTurnMetrics(db, {
      ticketId: run.ticket.id,
      phase: run.phase,
      phaseAttempt: run.phaseAttempt,
      sessionId,
      messageId: result.messageId,
      modelId: run.model,
      inputTokens: result.tokens.input,
      outputTokens: result.tokens.output,
      reasoningTokens: result.tokens.reasoning,
      cacheReadTokens: result.tokens.cacheRead,
      cacheWriteTokens: result.tokens.cacheWrite,
      costUsd: result.costUsd,
      promptChars,
      createdAt: clock.isoNow(),
    });
    await logs.write(run.ticket, {
      phase: run.phase,
      phaseAttempt: run.phaseAttempt,
      type: 'model_output',
      source,
      kind: 'assistant',
      audience: 'ai',
      sessionId,
      modelId: run.model,
      entryId: `${sessionId}:${result.messageId}`,
      op: 'finalize',
      message: `${run.model} answered (${result.tokens.input} in / ${result.tokens.output} out tokens)`,
      content: result.text,
      data: { tokens: result.tokens, costUsd: result.costUsd, finish: result.finish },
    });
    if (result.error) throw new PromptFailure('runtime', result.error, sessionId);
    return { ...result, sessionId, promptChars, pausedMs: pausable?.pausedMs() ?? 0 };
  }

  async function requireQuestion(ticket: TicketRow, requestId: string) {
    const row = await selectQuestion(db, requestId);
    if (!row || row.ticketId !== ticket.id) throw notFound('Question', { requestId });
    if (row.state !== 'pending')
      throw conflict(`The question was already ${row.state}`, { requestId, state: row.state });
    return row;
  }

  async function resolved(
    ticket: TicketRow,
    row: QuestionRow,
    action: 'replied' | 'rejected',
    answers: string[][] | null,
  ) {
    const updated = await resolveQuestion(db, row.requestId, action, answers, clock.isoNow());
    if (!updated) throw conflict('The question was resolved meanwhile', { requestId: row.requestId });
    await events.publish('needs_input', {
      ticketId: ticket.externalId,
      type: 'opencode_question_resolved',
      action,
      requestId: row.requestId,
      sessionId: row.sessionId,
    });
    return { success: true as const, requestId: row.requestId, state: action };
  }

  return {
    health,
    models,
    checkModels,
    runPrompt,

    async questions(ticket: TicketRow): Promise<OpencodeQuestion[]> {
      return (await selectQuestions(db, ticket.id, 'pending')).map((row) => toQuestion(row, ticket.externalId));
    },

    async reply(ticket: TicketRow, requestId: string, answers: string[][]) {
      const row = await requireQuestion(ticket, requestId);
      const session = await selectSession(db, row.sessionId);
      await runtime.replyQuestion(requestId, answers, session?.directory).catch((error) => {
        throw new AppError(
          'bad_gateway',
          `OpenCode refused the reply: ${error instanceof Error ? error.message : error}`,
        );
      });
      return resolved(ticket, row, 'replied', answers);
    },

    async reject(ticket: TicketRow, requestId: string) {
      const row = await requireQuestion(ticket, requestId);
      const session = await selectSession(db, row.sessionId);
      await runtime.rejectQuestion(requestId, session?.directory).catch((error) => {
        throw new AppError(
          'bad_gateway',
          `OpenCode refused the rejection: ${error instanceof Error ? error.message : error}`,
        );
      });
      return resolved(ticket, row, 'rejected', null);
    },

    /**
     * Can OpenCode still read an owned session (workflow.md §4.4 CONTINUE)? Confirmed absence abandons its row;
     * `unverified` (OpenCode down, slow or erroring) changes nothing, so the session stays eligible.
     */
    async probeSession(sessionId: string, directory: string): Promise<'readable' | 'missing' | 'unverified'> {
      let found: boolean;
      try {
        found = await runtime.getSession(sessionId, directory);
      } catch {
        return 'unverified';
      }
      if (found) return 'readable';
      await setSessionState(db, sessionId, 'abandoned', clock.isoNow());
      return 'missing';
    },

    /**
     * Stop and abandon one owned session whatever its state (the failed iteration of a bead, workflow.md §10.6 Ralph
     * step 3): an abandoned session is never resumed, so nothing it says later is read again.
     */
    async abandonSession(sessionId: string, directory: string): Promise<void> {
      await runtime.abort(sessionId, directory).catch(() => undefined); // may already be gone
      await setSessionState(db, sessionId, 'abandoned', clock.isoNow());
    },

    /**
     * Delete a temporary session the ticket owns from OpenCode (the capability probe's, workflow.md §10.2 "session torn
     * down"). A session deleted while still active is abandoned: nothing can continue it.
     */
    async deleteSession(ticket: TicketRow, sessionId: string): Promise<void> {
      const session = await selectSession(db, sessionId);
      if (!session || session.ticketId !== ticket.id) throw notFound('Session', { sessionId });
      await runtime.deleteSession(sessionId, session.directory);
      if (session.state === 'active') await setSessionState(db, sessionId, 'abandoned', clock.isoNow());
    },

    /** Stop and abandon every active session the ticket owns (cancel, Retry, restart recovery). */
    async abandonSessions(ticket: TicketRow): Promise<void> {
      for (const session of await selectActiveSessions(db, ticket.id)) {
        await runtime.abort(session.sessionId, session.directory).catch(() => undefined); // may already be gone
        await setSessionState(db, session.sessionId, 'abandoned', clock.isoNow());
      }
    },

    close() {
      unsubscribe();
      runtime.close();
    },
  };
}

export type OpencodeService = ReturnType<typeof createOpencodeService>;
