// In-process fakes of core's council ports (OpenCode prompts, artifacts, clock) for fast unit tests of the council
// steps (drafter.test.ts, voter.test.ts). Only the ports are fake; the council code under test is the real one.
import type { Artifact, PromptOutcome, PromptRun, TicketRow, WriteOptions } from '@looptroop/core';
import { PromptFailure } from '@looptroop/core';

export const TICKET: TicketRow = {
  id: 7,
  projectId: 1,
  externalId: 'AUTH-12',
  title: 'Add login',
  description: 'Users sign in with email.',
  priority: 3,
  status: 'COUNCIL_DELIBERATING',
  previousStatus: null,
  workflowRevision: 1,
  visitedStatuses: [],
  branchName: 'AUTH-12',
  baseBranch: 'main',
  worktreePath: '/tmp/worktree',
  lockedSettings: null,
  manualQaOverride: null,
  gitHookPolicy: null,
  currentBead: null,
  totalBeads: null,
  percentComplete: null,
  errorMessage: null,
  errorCodes: null,
  startedAt: null,
  completedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** A clock that only moves when a test (or a scripted reply) moves it. */
export function fakeClock(startMs = Date.parse('2026-01-01T00:00:00.000Z')) {
  let nowMs = startMs;
  return {
    now: () => new Date(nowMs),
    isoNow: () => new Date(nowMs).toISOString(),
    advance(ms: number) {
      nowMs += ms;
    },
  };
}
export type FakeClock = ReturnType<typeof fakeClock>;

export interface ReplyStep {
  text: string;
  finish?: string;
  /** Real wait before answering, to control arrival order. */
  delayMs?: number;
  /** Fake time the answer took, counted against the round's deadline. */
  tookMs?: number;
}
export type Reply = string | PromptFailure | ReplyStep | ((run: PromptRun) => Reply);

/** Waits `ms`, or less when the signal aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** `runPrompt` answering from a per-model script; every call is recorded. */
export function fakeOpencode(script: Record<string, Reply[]>, clock?: FakeClock) {
  const calls: PromptRun[] = [];
  let sessions = 0;
  return {
    calls,
    async runPrompt(run: PromptRun): Promise<PromptOutcome> {
      calls.push(run);
      sessions += 1;
      const sessionId = `ses_${sessions}`;
      let reply: Reply =
        script[run.model]?.shift() ?? new PromptFailure('runtime', `no reply scripted for ${run.model}`, null);
      while (typeof reply === 'function') reply = reply(run);
      if (reply instanceof PromptFailure) throw reply;
      const step: ReplyStep = typeof reply === 'string' ? { text: reply } : reply;
      if (step.delayMs) await sleep(step.delayMs, run.signal);
      if (run.signal.aborted) throw new PromptFailure('aborted', 'The prompt was canceled', sessionId);
      if (step.tookMs) clock?.advance(step.tookMs);
      return {
        sessionId,
        messageId: `msg_${sessions}`,
        text: step.text,
        tokens: { input: 100, output: 20, reasoning: 0, cacheRead: 0, cacheWrite: 0 },
        costUsd: 0.01,
        finish: step.finish ?? 'stop',
        error: null,
        toolCalls: [],
        promptChars: run.text.length,
      };
    },
  };
}

/** An artifact store keyed by phase, attempt and type; `writes` keeps every write in order. */
export function fakeArtifacts() {
  const rows = new Map<string, Artifact>();
  const writes: { artifactType: string; content: string; replace: boolean }[] = [];
  const keyOf = (phase: string | undefined, attempt: number | undefined, type: string) => `${phase}#${attempt}#${type}`;
  return {
    writes,
    async write(ticket: TicketRow, phase: string, artifactType: string, content: string, options: WriteOptions = {}) {
      const phaseAttempt = options.phaseAttempt ?? 1;
      writes.push({ artifactType, content, replace: options.replace ?? false });
      const artifact: Artifact = {
        id: writes.length,
        ticketId: ticket.externalId,
        phase,
        phaseAttempt,
        artifactType,
        filePath: null,
        content,
        contentSha256: '',
        createdAt: '',
        updatedAt: '',
      };
      rows.set(keyOf(phase, phaseAttempt, artifactType), artifact);
      return artifact;
    },
    async latest(_ticket: TicketRow, artifactType: string, filter: { phase?: string; phaseAttempt?: number } = {}) {
      return rows.get(keyOf(filter.phase, filter.phaseAttempt, artifactType));
    },
    /** Every stored version of a type, parsed, oldest first. */
    history(artifactType: string): unknown[] {
      return writes.filter((w) => w.artifactType === artifactType).map((w) => JSON.parse(w.content));
    },
  };
}
