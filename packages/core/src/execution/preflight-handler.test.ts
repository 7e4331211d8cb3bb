import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeRuntime } from '@looptroop/testkit/fakes';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { type Core, createCore } from '../context.ts';
import { opencodeSessions, tickets } from '../db/schema.ts';
import type { TicketStatus } from '../lifecycle/statuses.ts';
import { ProjectOverrides } from '../projects/schema.ts';
import { lockSettings } from '../workflow/settings.ts';

// workflow.md §4.6 through createCore and the real runner with the default phase registry: the PRE_FLIGHT_CHECK
// handler turns a ticket away while another ticket of its project holds the execution band, and otherwise runs the
// doctor (§10.2). No OpenCode: the runtime is offline, so the doctor fails and says why in its report.

describe('PRE_FLIGHT_CHECK handler', () => {
  let dir: string;
  let core: Core;
  let projectId: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-preflight-'));
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    await writeFile(join(repo, 'README.md'), '# sample\n');
    core = await createCore(loadConfig({ LOOPTROOP_HOME: join(dir, 'data'), NODE_ENV: 'test' }), {
      runtime: fakeRuntime(),
    });
    await core.services.profile.create({ mainImplementer: 'p/alpha', councilMembers: ['p/alpha', 'p/beta'] });
    projectId = (await core.services.projects.attach({ name: 'Sample', shortname: 'SMP', folderPath: repo })).id;
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A started ticket put straight into `status` (the statuses before it are covered elsewhere). */
  async function ticketIn(status: TicketStatus, previousStatus: TicketStatus | null = null, locked = true) {
    const created = await core.services.tickets.create({ projectId, title: `In ${status}` });
    const row = await core.services.tickets.resolve(created.id);
    const profile = await core.services.profile.settings();
    if (!profile) throw new Error('profile missing');
    const overrides = ProjectOverrides.parse((await core.services.projects.row(projectId)).overrides);
    await core.db
      .update(tickets)
      .set({ status, previousStatus, lockedSettings: locked ? lockSettings(profile, overrides, row) : null })
      .where(eq(tickets.id, row.id));
    return row;
  }

  async function runPreflight(id: number, externalId: string) {
    core.services.runner.kick(id);
    await core.services.runner.idle(id);
    return core.services.tickets.get(externalId);
  }

  it('blocks with EXECUTION_BAND_BUSY naming the holder, then runs the checks once the band is free', async () => {
    const holder = await ticketIn('CODING');
    const incoming = await ticketIn('PRE_FLIGHT_CHECK', 'WAITING_BEADS_APPROVAL');
    const turnedAway = await runPreflight(incoming.id, incoming.externalId);
    expect(turnedAway).toMatchObject({
      status: 'BLOCKED_ERROR',
      previousStatus: 'PRE_FLIGHT_CHECK',
      errorCodes: ['EXECUTION_BAND_BUSY'],
      errorMessage: expect.stringContaining(`${holder.externalId} is already in the execution band`),
    });

    await core.services.workflow.cancel({ id: holder.externalId, deleteContent: false, deleteLog: false });
    await core.services.workflow.retry(incoming.externalId);
    await core.services.runner.idle(incoming.id);
    expect(await core.services.tickets.get(incoming.externalId)).toMatchObject({
      status: 'BLOCKED_ERROR',
      previousStatus: 'PRE_FLIGHT_CHECK',
      errorCodes: ['CHECKS_FAILED'],
      errorMessage: expect.stringContaining('opencode_healthy (OpenCode is not reachable)'),
    });
    const [report] = await core.services.artifacts.list(incoming, { artifactType: 'preflight_report' });
    const checks = JSON.parse(report?.content ?? '{}').checks as { id: string; status: string }[];
    expect(checks.find((c) => c.id === 'execution_band')).toMatchObject({ status: 'pass' });
    expect(checks.find((c) => c.id === 'capability_probe')).toMatchObject({ status: 'fail' });
  });

  it('checks the band before anything else: a ticket without its Start lock is still turned away by the holder', async () => {
    await ticketIn('WAITING_PR_REVIEW');
    const unlocked = await ticketIn('PRE_FLIGHT_CHECK', 'WAITING_BEADS_APPROVAL', false);
    expect(await runPreflight(unlocked.id, unlocked.externalId)).toMatchObject({
      status: 'BLOCKED_ERROR',
      errorCodes: ['EXECUTION_BAND_BUSY'],
    });
  });
});

describe('the capability probe session (§10.2 "then tear the session down")', () => {
  // Only OpenCode is a fake (testkit's in-process runtime): healthy, the model listed, every prompt answered `OK`
  // or failed as asked; the engine, the database and the handler are real.
  let dir: string;
  let core: Core;
  let projectId: number;
  const deleted: [string, string][] = [];
  const state = { failPrompt: false, failDelete: false };
  const model = {
    id: 'p/alpha',
    providerId: 'p',
    modelId: 'alpha',
    name: 'Alpha',
    variants: [],
    contextLimit: null,
    connected: true,
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-probe-teardown-'));
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    let sessions = 0;
    const runtime = fakeRuntime({
      health: async () => ({ reachable: true, version: '1.18.33', url: 'http://127.0.0.1:9', latencyMs: 1 }),
      catalog: async () => ({ models: [model], allModels: [model], connectedProviders: ['p'], defaultModels: {} }),
      createSession: async () => `ses_probe_${++sessions}`,
      prompt: async (request) => {
        if (state.failPrompt) throw new Error('provider overloaded');
        return {
          messageId: `msg_${request.sessionId}`,
          text: 'OK',
          tokens: { input: 1, output: 1, reasoning: 0, cacheRead: 0, cacheWrite: 0 },
          costUsd: 0,
          finish: 'stop',
          error: null,
          toolCalls: [],
        };
      },
      deleteSession: async (sessionId, directory) => {
        if (state.failDelete) throw new Error('OpenCode answered 500');
        deleted.push([sessionId, directory]);
      },
    });
    core = await createCore(loadConfig({ LOOPTROOP_HOME: join(dir, 'data'), NODE_ENV: 'test' }), { runtime });
    await core.services.profile.create({ mainImplementer: 'p/alpha', councilMembers: ['p/alpha', 'p/beta'] });
    projectId = (await core.services.projects.attach({ name: 'Sample', shortname: 'SMP', folderPath: repo })).id;
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function runProbeTicket() {
    const created = await core.services.tickets.create({ projectId, title: 'Probe' });
    const row = await core.services.tickets.resolve(created.id);
    const profile = await core.services.profile.settings();
    if (!profile) throw new Error('profile missing');
    const overrides = ProjectOverrides.parse((await core.services.projects.row(projectId)).overrides);
    const worktree = join(dir, 'worktrees', created.id);
    await mkdir(worktree, { recursive: true });
    execFileSync('git', ['init', '-q', '-b', created.id, worktree]);
    await core.db
      .update(tickets)
      .set({
        status: 'PRE_FLIGHT_CHECK',
        worktreePath: worktree,
        lockedSettings: lockSettings(profile, overrides, row),
      })
      .where(eq(tickets.id, row.id));
    core.services.runner.kick(row.id);
    await core.services.runner.idle(row.id);
    const [report] = await core.services.artifacts.list(row, { artifactType: 'preflight_report' });
    const checks = JSON.parse(report?.content ?? '{}').checks as { id: string; status: string; message: string }[];
    const sessions = await core.db.select().from(opencodeSessions).where(eq(opencodeSessions.ticketId, row.id));
    // The ticket stops in pre-flight (no planning artifacts); cancel it so it does not hold the band for the next one.
    await core.services.workflow.cancel({ id: created.id, deleteContent: false, deleteLog: false });
    return { worktree, checks, sessionStates: sessions.map((x) => x.state) };
  }

  it('deletes the probe session once the probe answered', async () => {
    const { worktree, checks } = await runProbeTicket();
    expect(checks.find((c) => c.id === 'capability_probe')).toMatchObject({ status: 'pass' });
    expect(deleted.at(-1)).toEqual([expect.stringMatching(/^ses_probe_/), worktree]);
    expect(checks.some((c) => c.id === 'capability_probe_teardown')).toBe(false);
  });

  it('deletes it after a failed probe too, and reports a session it could not delete as a warning', async () => {
    state.failPrompt = true;
    const failed = await runProbeTicket();
    expect(failed.checks.find((c) => c.id === 'capability_probe')).toMatchObject({ status: 'fail' });
    expect(deleted.at(-1)?.[1]).toBe(failed.worktree);
    // A failed prompt leaves its session active (kept for Continue); deleted, it can no longer be offered.
    expect(failed.sessionStates).toEqual(['abandoned']);
    state.failPrompt = false;
    state.failDelete = true;
    const { checks } = await runProbeTicket();
    expect(checks.find((c) => c.id === 'capability_probe')).toMatchObject({ status: 'pass' });
    expect(checks.find((c) => c.id === 'capability_probe_teardown')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('OpenCode answered 500'),
    });
  });
});
