import { fakeRuntime } from '@looptroop/testkit/fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ScriptedEngine, startScriptedEngine } from '../../test/scripted-engine.ts';
import { PhaseError } from '../lifecycle/phase.ts';
import type { AgentRuntime } from '../opencode/client.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import { insertSession, selectSession } from '../opencode/store.ts';
import type { TicketRow } from '../tickets/store.ts';
import { selectErrorOccurrences } from './error-store.ts';

// workflow.md §4.4 CONTINUE end to end inside core: a scripted phase handler fails with a PromptFailure, the real
// runner records the occurrence, and the real workflow service judges Continue (the scripted engine of core/test).
// The OpenCode runtime is a fake whose only job is answering "can you read this session?".

const PHASE = 'GENERATING_EXECUTION_SETUP_PLAN';

describe('Continue a blocked ticket', () => {
  let engine: ScriptedEngine;
  let sessionLookup: 'found' | 'missing' | 'unreachable' = 'found';
  const aborted: string[] = [];

  const runtime: AgentRuntime = fakeRuntime({
    async getSession() {
      if (sessionLookup === 'unreachable') throw new Error('connect ECONNREFUSED 127.0.0.1:4096');
      return sessionLookup === 'found';
    },
    async abort(sessionId) {
      aborted.push(sessionId);
    },
  });

  beforeAll(async () => {
    engine = await startScriptedEngine([PHASE], { runtime });
  });
  afterAll(() => engine.dispose());
  beforeEach(() => {
    sessionLookup = 'found';
  });

  /** The runs of the scripted handler for one ticket: which attempt and which continuation each one was given. */
  const runsOf = (row: TicketRow) => engine.phases.runs.filter((r) => r.ticket.id === row.id);

  /** A ticket that fails in PHASE with `error`, recorded by the real runner; its session row is active. */
  async function blockedBy(error: Error, sessionId = `ses_${Math.random().toString(36).slice(2)}`) {
    const row = await engine.ticketIn(PHASE, 'WAITING_EXECUTION_SETUP_APPROVAL');
    const now = new Date().toISOString();
    await insertSession(engine.core.db, {
      sessionId,
      ticketId: row.id,
      phase: PHASE,
      phaseAttempt: 1,
      directory: row.worktreePath ?? '',
      state: 'active',
      createdAt: now,
      updatedAt: now,
    });
    engine.phases.script(PHASE, async () => {
      throw error;
    });
    engine.runner.kick(row.id);
    await engine.runner.idle(row.id);
    const blocked = await engine.reload(row);
    expect(blocked.status).toBe('BLOCKED_ERROR');
    return { ref: row.externalId, row: blocked, sessionId };
  }

  const rateLimited = (sessionId: string) =>
    new PhaseError('The setup plan failed', ['EXECUTION_SETUP_PLAN_FAILED'], undefined, {
      cause: new PromptFailure('runtime', 'APIError: Too Many Requests (HTTP 429)', sessionId),
    });

  const occurrences = async (row: TicketRow) => selectErrorOccurrences(engine.core.db, row.id);

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
    expect((await engine.core.services.tickets.get(ref)).availableActions).toEqual(['retry', 'continue', 'cancel']);
    expect(
      (await engine.core.services.tickets.list({ projectId: engine.projectId })).find((t) => t.id === ref)
        ?.availableActions,
    ).toContain('continue');
  });

  it('re-enters previousStatus in the same phase attempt and resolves the occurrence as CONTINUED', async () => {
    const { ref, row, sessionId } = await blockedBy(rateLimited('ses_go'), 'ses_go');
    engine.phases.script(PHASE, async () => ({ event: 'EXECUTION_SETUP_PLAN_READY' }));
    const resumed = await engine.workflow.continue(ref);
    expect(resumed).toMatchObject({ status: PHASE, message: `Continuing ${PHASE}` });
    expect(resumed.ticket.errorMessage).toBeNull();
    await engine.runner.idle(row.id);
    expect((await engine.core.services.tickets.get(ref)).status).toBe('WAITING_EXECUTION_SETUP_APPROVAL');
    // nothing archived: both runs saw attempt 1, and the phase still has exactly one (active) attempt
    expect(runsOf(row).map((r) => r.phaseAttempt)).toEqual([1, 1]);
    const attempts = await engine.core.services.artifacts.attempts(row, PHASE);
    expect(attempts.map((a) => [a.attemptNumber, a.state])).toEqual([[1, 'active']]);
    const [occurrence] = await occurrences(row);
    expect(occurrence).toMatchObject({ resolutionStatus: 'CONTINUED', resumedToStatus: PHASE });
    expect(occurrence?.resolvedAt).toBeTruthy();
    // the resumed run was handed the preserved session; once it succeeded the session is closed (§4.4)
    expect(runsOf(row).map((r) => r.continuation?.sessionId)).toEqual([undefined, sessionId]);
    expect((await selectSession(engine.core.db, sessionId))?.state).toBe('completed');
  });

  it('refuses with 409 and stays blocked when OpenCode confirms the session is gone, abandoning its row', async () => {
    const { ref, row, sessionId } = await blockedBy(rateLimited('ses_gone'), 'ses_gone');
    sessionLookup = 'missing';
    await expect(engine.workflow.continue(ref)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('no longer has session ses_gone'),
      details: { reason: 'session_missing', sessionId },
    });
    expect((await engine.core.services.tickets.resolve(ref)).status).toBe('BLOCKED_ERROR');
    expect((await selectSession(engine.core.db, sessionId))?.state).toBe('abandoned');
    expect((await occurrences(row))[0]?.resolvedAt).toBeNull();
    expect((await engine.core.services.tickets.get(ref)).availableActions).toEqual(['retry', 'cancel']);
  });

  it('refuses "not now" when OpenCode cannot be asked, keeping the session eligible', async () => {
    const { ref, sessionId } = await blockedBy(rateLimited('ses_later'), 'ses_later');
    sessionLookup = 'unreachable';
    await expect(engine.workflow.continue(ref)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('could not confirm session ses_later right now'),
      details: { reason: 'session_unverified' },
    });
    expect((await selectSession(engine.core.db, sessionId))?.state).toBe('active');
    expect((await engine.core.services.tickets.get(ref)).availableActions).toContain('continue');
  });

  it('refuses a failure class that is not continuable (bad key) and does not offer it', async () => {
    const auth = new PhaseError('The setup plan failed', ['EXECUTION_SETUP_PLAN_FAILED'], undefined, {
      cause: new PromptFailure('runtime', 'ProviderAuthError: Invalid API key provided', 'ses_auth'),
    });
    const { ref } = await blockedBy(auth, 'ses_auth');
    expect((await engine.core.services.tickets.get(ref)).availableActions).toEqual(['retry', 'cancel']);
    await expect(engine.workflow.continue(ref)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('auth failure cannot be continued'),
      details: { reason: 'not_continuable', failureClass: 'auth' },
    });
  });

  it('refuses an error that did not come from an agent session, and a ticket that is not blocked', async () => {
    const { ref } = await blockedBy(new PhaseError('Disk full', ['EXECUTION_SETUP_PLAN_FAILED']));
    await expect(engine.workflow.continue(ref)).rejects.toMatchObject({
      kind: 'conflict',
      details: { reason: 'no_session' },
    });
    const fresh = await engine.core.services.tickets.create({ projectId: engine.projectId, title: 'Draft' });
    await expect(engine.workflow.continue(fresh.id)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('DRAFT'),
      details: { reason: 'not_blocked' },
    });
  });

  it('Retry gives the preserved session up (a fresh start), so Continue is no longer possible afterwards', async () => {
    const { ref, row, sessionId } = await blockedBy(rateLimited('ses_retry'), 'ses_retry');
    engine.phases.script(PHASE, async () => ({ event: null }));
    await engine.workflow.retry(ref);
    await engine.runner.idle(row.id);
    expect((await selectSession(engine.core.db, sessionId))?.state).toBe('abandoned');
    expect(aborted).toContain(sessionId);
    expect(runsOf(row).map((r) => [r.phaseAttempt, r.continuation])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
  });
});
