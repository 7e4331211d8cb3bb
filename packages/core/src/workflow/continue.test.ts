import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { type Core, createCore } from '../context.ts';
import { tickets } from '../db/schema.ts';
import { PhaseError, type PhaseHandler, type PhaseOutcome } from '../lifecycle/phase.ts';
import type { AgentRuntime } from '../opencode/client.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import { insertSession, selectSession } from '../opencode/store.ts';
import { ProjectOverrides } from '../projects/schema.ts';
import type { TicketRow } from '../tickets/store.ts';
import { selectErrorOccurrences } from './error-store.ts';
import type { Runner } from './runner.ts';
import type { WorkflowService } from './service.ts';
import { lockSettings } from './settings.ts';

// workflow.md §4.4 CONTINUE end to end inside core: a scripted phase handler (injected as the phase registry) fails
// with a PromptFailure, the real runner records the occurrence, and the real workflow service judges Continue. The
// OpenCode runtime is a fake whose only job is answering "can you read this session?".

const PHASE = 'GENERATING_EXECUTION_SETUP_PLAN';
const unused = async (): Promise<never> => {
  throw new Error('not used by these tests');
};

describe('Continue a blocked ticket', () => {
  let dir: string;
  let core: Core;
  let runner: Runner;
  let workflow: WorkflowService;
  let projectId: number;
  let sessionLookup: 'found' | 'missing' | 'unreachable' = 'found';
  const aborted: string[] = [];
  /** What the scripted handler does on each run, in order. */
  let script: (() => Promise<PhaseOutcome>)[] = [];
  const seenAttempts: number[] = [];

  const runtime: AgentRuntime = {
    url: 'http://fake',
    health: async () => ({ reachable: true, version: 'fake', url: 'http://fake', latencyMs: 1 }),
    catalog: unused,
    createSession: unused,
    async getSession() {
      if (sessionLookup === 'unreachable') throw new Error('connect ECONNREFUSED 127.0.0.1:4096');
      return sessionLookup === 'found';
    },
    prompt: unused,
    async abort(sessionId) {
      aborted.push(sessionId);
    },
    listQuestions: async () => [],
    replyQuestion: unused,
    rejectQuestion: unused,
    onEvent: () => () => undefined,
    close: () => undefined,
  };

  const handler: PhaseHandler = async (ctx) => {
    seenAttempts.push(ctx.phaseAttempt);
    const step = script.shift();
    if (!step) throw new Error('no scripted step left');
    return step();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-continue-'));
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    await writeFile(join(repo, 'README.md'), '# sample\n');
    core = await createCore(loadConfig({ LOOPTROOP_HOME: join(dir, 'data'), NODE_ENV: 'test' }), {
      runtime,
      phases: () => ({ [PHASE]: handler }),
    });
    const s = core.services;
    await s.profile.create({ mainImplementer: 'p/alpha', councilMembers: ['p/alpha', 'p/beta'] });
    projectId = (await s.projects.attach({ name: 'Sample', shortname: 'SMP', folderPath: repo })).id;
    runner = s.runner;
    workflow = s.workflow;
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    sessionLookup = 'found';
    seenAttempts.length = 0;
  });

  /** A ticket that fails in PHASE with `error`, recorded by the real runner; its session row is active. */
  async function blockedBy(error: Error, sessionId = `ses_${Math.random().toString(36).slice(2)}`) {
    const created = await core.services.tickets.create({ projectId, title: 'Set up the workspace' });
    const worktree = join(dir, created.id);
    await mkdir(join(worktree, '.ticket', 'runtime'), { recursive: true });
    const profile = await core.services.profile.settings();
    if (!profile) throw new Error('profile missing');
    const row = await core.services.tickets.resolve(created.id);
    const overrides = ProjectOverrides.parse((await core.services.projects.row(projectId)).overrides);
    await core.db
      .update(tickets)
      .set({
        status: PHASE,
        previousStatus: 'WAITING_EXECUTION_SETUP_APPROVAL',
        worktreePath: worktree,
        lockedSettings: lockSettings(profile, overrides, row),
      })
      .where(eq(tickets.id, row.id));
    const now = new Date().toISOString();
    await insertSession(core.db, {
      sessionId,
      ticketId: row.id,
      phase: PHASE,
      phaseAttempt: 1,
      directory: worktree,
      state: 'active',
      createdAt: now,
      updatedAt: now,
    });
    script = [
      async () => {
        throw error;
      },
    ];
    runner.kick(row.id);
    await runner.idle(row.id);
    const blocked = await core.services.tickets.resolve(created.id);
    expect(blocked.status).toBe('BLOCKED_ERROR');
    return { ref: created.id, row: blocked, sessionId };
  }

  const rateLimited = (sessionId: string) =>
    new PhaseError('The setup plan failed', ['EXECUTION_SETUP_PLAN_FAILED'], undefined, {
      cause: new PromptFailure('runtime', 'APIError: Too Many Requests (HTTP 429)', sessionId),
    });

  const occurrences = async (row: TicketRow) => selectErrorOccurrences(core.db, row.id);

  it('records the session and failure class of the failed prompt and offers continue', async () => {
    const sessionId = 'ses_rate';
    const { ref, row } = await blockedBy(rateLimited(sessionId), sessionId);
    const [occurrence] = await occurrences(row);
    expect(occurrence?.diagnostics).toMatchObject({
      sessionId,
      failureKind: 'runtime',
      failureClass: 'rate_limited',
      continuable: true,
    });
    expect((await core.services.tickets.get(ref)).availableActions).toEqual(['retry', 'continue', 'cancel']);
    expect((await core.services.tickets.list({ projectId })).find((t) => t.id === ref)?.availableActions).toContain(
      'continue',
    );
  });

  it('re-enters previousStatus in the same phase attempt and resolves the occurrence as CONTINUED', async () => {
    const { ref, row, sessionId } = await blockedBy(rateLimited('ses_go'), 'ses_go');
    script = [async () => ({ event: 'EXECUTION_SETUP_PLAN_READY' })];
    const resumed = await workflow.continue(ref);
    expect(resumed).toMatchObject({ status: PHASE, message: `Continuing ${PHASE}` });
    expect(resumed.ticket.errorMessage).toBeNull();
    await runner.idle(row.id);
    expect((await core.services.tickets.get(ref)).status).toBe('WAITING_EXECUTION_SETUP_APPROVAL');
    // nothing archived: both runs saw attempt 1, and the phase still has exactly one (active) attempt
    expect(seenAttempts).toEqual([1, 1]);
    const attempts = await core.services.artifacts.attempts(row, PHASE);
    expect(attempts.map((a) => [a.attemptNumber, a.state])).toEqual([[1, 'active']]);
    const [occurrence] = await occurrences(row);
    expect(occurrence).toMatchObject({ resolutionStatus: 'CONTINUED', resumedToStatus: PHASE });
    expect(occurrence?.resolvedAt).toBeTruthy();
    expect((await selectSession(core.db, sessionId))?.state).toBe('active');
  });

  it('refuses with 409 and stays blocked when OpenCode confirms the session is gone, abandoning its row', async () => {
    const { ref, row, sessionId } = await blockedBy(rateLimited('ses_gone'), 'ses_gone');
    sessionLookup = 'missing';
    await expect(workflow.continue(ref)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('no longer has session ses_gone'),
      details: { reason: 'session_missing', sessionId },
    });
    expect((await core.services.tickets.resolve(ref)).status).toBe('BLOCKED_ERROR');
    expect((await selectSession(core.db, sessionId))?.state).toBe('abandoned');
    expect((await occurrences(row))[0]?.resolvedAt).toBeNull();
    expect((await core.services.tickets.get(ref)).availableActions).toEqual(['retry', 'cancel']);
  });

  it('refuses "not now" when OpenCode cannot be asked, keeping the session eligible', async () => {
    const { ref, sessionId } = await blockedBy(rateLimited('ses_later'), 'ses_later');
    sessionLookup = 'unreachable';
    await expect(workflow.continue(ref)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('could not confirm session ses_later right now'),
      details: { reason: 'session_unverified' },
    });
    expect((await selectSession(core.db, sessionId))?.state).toBe('active');
    expect((await core.services.tickets.get(ref)).availableActions).toContain('continue');
  });

  it('refuses a failure class that is not continuable (bad key) and does not offer it', async () => {
    const auth = new PhaseError('The setup plan failed', ['EXECUTION_SETUP_PLAN_FAILED'], undefined, {
      cause: new PromptFailure('runtime', 'ProviderAuthError: Invalid API key provided', 'ses_auth'),
    });
    const { ref } = await blockedBy(auth, 'ses_auth');
    expect((await core.services.tickets.get(ref)).availableActions).toEqual(['retry', 'cancel']);
    await expect(workflow.continue(ref)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('auth failure cannot be continued'),
      details: { reason: 'not_continuable', failureClass: 'auth' },
    });
  });

  it('refuses an error that did not come from an agent session, and a ticket that is not blocked', async () => {
    const { ref } = await blockedBy(new PhaseError('Disk full', ['EXECUTION_SETUP_PLAN_FAILED']));
    await expect(workflow.continue(ref)).rejects.toMatchObject({ kind: 'conflict', details: { reason: 'no_session' } });
    const fresh = await core.services.tickets.create({ projectId, title: 'Draft' });
    await expect(workflow.continue(fresh.id)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('DRAFT'),
      details: { reason: 'not_blocked' },
    });
  });

  it('Retry gives the preserved session up (a fresh start), so Continue is no longer possible afterwards', async () => {
    const { ref, row, sessionId } = await blockedBy(rateLimited('ses_retry'), 'ses_retry');
    script = [async () => ({ event: null })];
    await workflow.retry(ref);
    await runner.idle(row.id);
    expect((await selectSession(core.db, sessionId))?.state).toBe('abandoned');
    expect(aborted).toContain(sessionId);
    expect(seenAttempts).toEqual([1, 2]);
  });
});
