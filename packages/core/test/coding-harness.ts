import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTempDir, createTempRepo, type TempRepo } from '@looptroop/testkit';
import { beadRecord, fakeRuntime } from '@looptroop/testkit/fakes';
import { eq } from 'drizzle-orm';
import { afterEach } from 'vitest';
import { createArtifactService } from '../src/artifacts/service.ts';
import { readPlan, writePlan } from '../src/beads/plan-store.ts';
import type { Bead } from '../src/beads/schema.ts';
import { codingPhase } from '../src/coding/coding-phase.ts';
import type { CodingDeps } from '../src/coding/deps.ts';
import { createCodingStore } from '../src/coding/store.ts';
import { createChildProcessRunner } from '../src/commands/child-process.ts';
import { openDb } from '../src/db/client.ts';
import { beadExecutionMetrics } from '../src/db/schema.ts';
import { EventBus } from '../src/events/bus.ts';
import type { StreamEvent } from '../src/events/schema.ts';
import { createNodeFiles } from '../src/files/node-files.ts';
import { createSimpleGit } from '../src/git/simple-git.ts';
import { systemClock } from '../src/lib/clock.ts';
import type { PhaseContext, PhaseContinuation } from '../src/lifecycle/phase.ts';
import type { LockedSettings, Tunables } from '../src/lifecycle/settings.ts';
import { createLogService } from '../src/logs/service.ts';
import type { AgentEvent, PromptRequest } from '../src/opencode/client.ts';
import { createOpencodeService } from '../src/opencode/service.ts';
import { selectSession } from '../src/opencode/store.ts';
import { TUNABLE_DEFAULTS } from '../src/profile/schema.ts';
import { insertTicketWithNextNumber, selectTicketById, type TicketRow } from '../src/tickets/store.ts';
import { insertRepoProject } from './repo-project.ts';

// The CODING handler on real parts for fast tests: a real libSQL file, a real git repository with a bare origin and
// the ticket's worktree on its own branch, the real artifact, log, event and OpenCode services. Only the agent runtime
// is an in-process fake (testkit's fakeRuntime): each prompt is answered by the test's `agent` function, which may
// edit files in the worktree the way a real agent's tools would.

export type AgentTurn = (request: PromptRequest & { turn: number }) => string | Promise<string>;

export const LOCKED: LockedSettings = {
  mainImplementer: 'p/alpha',
  mainImplementerVariant: null,
  councilMembers: ['p/alpha', 'p/beta'],
  councilMemberVariants: {},
  interviewQuestions: 5,
  coverageFollowUpBudgetPercent: 20,
  maxCoveragePasses: 2,
  maxPrdCoveragePasses: 2,
  maxBeadsCoveragePasses: 2,
  structuredRetryCount: 1,
  manualQaEnabled: false,
  manualQaSource: 'profile',
  gitHookPolicy: 'validate_advisory',
  gitHookPolicySource: 'profile',
};

export const marker = (beadId: string, status = 'done', checks: Record<string, string> = {}) =>
  `All done.\n<BEAD_STATUS>${JSON.stringify({
    bead_id: beadId,
    status,
    checks: { tests: 'pass', lint: 'pass', typecheck: 'pass', qualitative: 'pass', ...checks },
  })}</BEAD_STATUS>`;

/** A pending bead of the plan (testkit's full record) with this file's title and description conventions. */
export const bead = (id: string, priority: number, values: Partial<Bead> = {}): Bead =>
  beadRecord(id, priority, {
    title: `Bead ${id}`,
    description: `Implement ${id}.`,
    prdRefs: ['US-1'],
    externalRef: 'APP-1',
    iteration: 1,
    ...values,
  });

export interface CodingHarness {
  repo: TempRepo;
  worktree: string;
  deps: CodingDeps;
  ticket(): Promise<TicketRow>;
  beads(): Promise<Bead[]>;
  /** The context the runner would hand the CODING handler now. */
  context(
    settings?: Partial<Tunables>,
    options?: { continuation?: PhaseContinuation; signal?: AbortSignal },
  ): Promise<PhaseContext>;
  /** Run the CODING handler once, as the runner would. */
  run(
    settings?: Partial<Tunables>,
    options?: { continuation?: PhaseContinuation; signal?: AbortSignal },
  ): ReturnType<ReturnType<typeof codingPhase>>;
  /** The requests every prompt got, in order. */
  prompts: (PromptRequest & { turn: number })[];
  sessions: string[];
  /** The title each session was created with, by session id. */
  titles: Map<string, string>;
  aborted: string[];
  /** Deliver a live runtime event (a provider retry, streamed text…) to whoever listens, as OpenCode would. */
  emit(event: AgentEvent): void;
  events: StreamEvent[];
  sessionState(sessionId: string): Promise<string | undefined>;
  metrics(): Promise<(typeof beadExecutionMetrics.$inferSelect)[]>;
  git(...args: string[]): string;
  cleanup(): Promise<void>;
}

export async function startCodingHarness(
  plan: Bead[],
  agent: { current: AgentTurn },
  options: {
    locked?: Partial<LockedSettings>;
    createSession?: (input: { directory: string; title: string }) => Promise<string>;
  } = {},
): Promise<CodingHarness> {
  const repo = await createTempRepo();
  const data = await createTempDir('lt-coding-db-');
  const opened = await openDb(`file:${join(data.dir, 'lt.db')}`);
  const { db } = opened;
  const now = systemClock.isoNow();
  const project = await insertRepoProject(db, repo, now);
  const worktree = join(repo.dir, '.looptroop', 'worktrees', 'APP-1');
  execFileSync('git', ['worktree', 'add', '-q', '-b', 'APP-1', worktree, 'main'], { cwd: repo.dir });
  execFileSync('git', ['push', '-q', 'origin', 'APP-1'], { cwd: worktree });
  const locked = { ...LOCKED, ...options.locked };
  const created = await insertTicketWithNextNumber(db, project.id, (shortname, n) => ({
    projectId: project.id,
    externalId: `${shortname}-${n}`,
    title: 'Add the feature',
    description: 'A feature users asked for.',
    status: 'CODING',
    previousStatus: 'PREPARING_EXECUTION_ENV',
    visitedStatuses: [],
    worktreePath: worktree,
    branchName: 'APP-1',
    baseBranch: 'main',
    lockedSettings: locked,
    createdAt: now,
    updatedAt: now,
  }));
  if (!created) throw new Error('no ticket');
  const events = new EventBus(db, systemClock);
  const seen: StreamEvent[] = [];
  events.subscribe(null, (e) => seen.push(e));
  const logs = createLogService(systemClock, events);
  const artifacts = createArtifactService(db, systemClock, events, createNodeFiles());
  await writePlan(artifacts, created, 'EXPANDING_BEADS', plan);
  const prompts: CodingHarness['prompts'] = [];
  const sessions: string[] = [];
  const titles = new Map<string, string>();
  const aborted: string[] = [];
  const listeners = new Set<(event: AgentEvent) => void>();
  const runtime = fakeRuntime({
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    createSession:
      options.createSession ??
      (async ({ title }) => {
        const id = `ses_${sessions.length + 1}`;
        sessions.push(id);
        titles.set(id, title);
        return id;
      }),
    async prompt(request) {
      const turn = { ...request, turn: prompts.length + 1 };
      prompts.push(turn);
      const text = await agent.current(turn);
      return {
        messageId: `msg_${turn.turn}`,
        text,
        tokens: { input: 10, output: 10, reasoning: 0, cacheRead: 0, cacheWrite: 0 },
        costUsd: 0,
        finish: 'stop',
        error: null,
        toolCalls: [],
      };
    },
    async abort(sessionId) {
      aborted.push(sessionId);
    },
  });
  const opencode = createOpencodeService({ db, clock: systemClock, events, logs, runtime });
  const deps: CodingDeps = {
    git: createSimpleGit(),
    opencode,
    artifacts,
    logs,
    events,
    clock: systemClock,
    commands: createChildProcessRunner({ env: process.env }),
    codingStore: createCodingStore(db),
    sleep: async () => undefined,
  };
  const ticket = async () => {
    const row = await selectTicketById(db, created.id);
    if (!row) throw new Error('ticket vanished');
    return row;
  };
  const context: CodingHarness['context'] = async (settings = {}, runOptions = {}) => {
    return {
      ticket: await ticket(),
      project,
      status: 'CODING',
      locked,
      settings: { ...TUNABLE_DEFAULTS, ...settings },
      phaseAttempt: 1,
      signal: runOptions.signal ?? new AbortController().signal,
      ...(runOptions.continuation && { continuation: runOptions.continuation }),
    };
  };
  return {
    repo,
    worktree,
    deps,
    ticket,
    beads: async () => (await readPlan(artifacts, await ticket()))?.beads ?? [],
    context,
    async run(settings = {}, runOptions = {}) {
      return codingPhase(deps)(await context(settings, runOptions));
    },
    prompts,
    sessions,
    titles,
    aborted,
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
    events: seen,
    sessionState: async (id) => (await selectSession(db, id))?.state,
    metrics: () => db.select().from(beadExecutionMetrics).where(eq(beadExecutionMetrics.ticketId, created.id)),
    git: (...args) => execFileSync('git', args, { cwd: worktree, stdio: 'pipe' }).toString().trim(),
    async cleanup() {
      opencode.close();
      opened.close();
      await repo.cleanup();
      await data.cleanup();
    },
  };
}

/** Harnesses started through the returned function are cleaned up after each test of the calling file. */
export function useCodingHarnesses() {
  const started: CodingHarness[] = [];
  afterEach(async () => {
    for (const h of started.splice(0)) await h.cleanup();
  });
  return async (plan: Bead[], agent: AgentTurn, options: Parameters<typeof startCodingHarness>[2] = {}) => {
    const h = await startCodingHarness(plan, { current: agent }, options);
    started.push(h);
    return h;
  };
}

/** Write a file under `root` the way an agent's edit tool would (folders created as needed). */
export async function writeIn(root: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}
