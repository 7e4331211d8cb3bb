import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executionScenario, setupResult } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentWorld, startAgentWorld } from './agent-harness.ts';
import { approvedInterview } from './planning-drive.ts';

// biome-ignore lint/suspicious/noExplicitAny: test payloads are read field by field
type Json = any;

// Issue 12 "Done means": pre-flight → setup plan → approval → workspace setup, with the real OpenCode binary running
// real commands in the worktree against the scripted model. Only the model is scripted.

async function toBeadsGate(world: AgentWorld, scenario: Parameters<typeof approvedInterview>[2]) {
  const { ref } = await approvedInterview(world, { prdCoverage: 'clean' }, scenario);
  await world.waitForStatus(ref, 'WAITING_PRD_APPROVAL', 180_000);
  const prd = (await world.server.call('GET', `/api/tickets/${ref}/review/prd`)).json;
  const prdApproved = await world.server.call('POST', `/api/tickets/${ref}/approve-prd`, {
    expectedContentSha256: prd.contentSha256,
  });
  expect(prdApproved.status, JSON.stringify(prdApproved.json)).toBe(200);
  await world.waitForStatus(ref, 'WAITING_BEADS_APPROVAL', 180_000);
  const plan = (await world.server.call('GET', `/api/tickets/${ref}/beads`)).json;
  return {
    ref,
    beadsSha: plan.contentSha256 as string,
    worktree: join(world.repo.dir, '.looptroop', 'worktrees', ref),
  };
}

const artifactsOf = async (world: AgentWorld, ref: string, artifactType: string) =>
  (await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=${artifactType}`)).json as Json[];

describe('execution setup with the real OpenCode binary', { timeout: 600_000 }, () => {
  let world: AgentWorld;
  beforeAll(async () => {
    world = await startAgentWorld({
      scenario: executionScenario(),
      processEnv: process.env,
      profile: { maxIterations: 3 },
    });
  }, 120_000);
  afterAll(() => world.dispose());

  it('blocks a dirty worktree in pre-flight, regenerates the plan, refuses a stale approval, and retries a setup whose probe fails', async () => {
    const scenario = (o: Json) =>
      executionScenario({ ...o, setupResults: [setupResult({ toolingProbe: 'missing-launcher-xyz' }), setupResult()] });
    const { ref, beadsSha, worktree } = await toBeadsGate(world, scenario);

    // A dirty worktree fails pre-flight, with the report saved and the failed check named.
    writeFileSync(join(worktree, 'src', 'stray.js'), 'export const stray = 1;\n');
    const approved = await world.server.call('POST', `/api/tickets/${ref}/approve-beads`, {
      expectedContentSha256: beadsSha,
    });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    const blocked = await world.waitForStatus(ref, 'BLOCKED_ERROR', 120_000);
    expect(blocked.errorCodes).toContain('CHECKS_FAILED');
    expect(blocked.errorMessage).toContain('clean_worktree');
    const [report] = await artifactsOf(world, ref, 'preflight_report');
    const checks = JSON.parse(report.content).checks as Json[];
    expect(checks.find((c) => c.id === 'clean_worktree')).toMatchObject({ status: 'fail' });
    expect(checks.find((c) => c.id === 'clean_worktree').message).toContain('src/stray.js');
    expect(checks.find((c) => c.id === 'capability_probe')).toMatchObject({ status: 'pass' });
    expect(checks.find((c) => c.id === 'delivery')).toMatchObject({ status: 'warn' });
    // §10.2: the probe's temporary session was torn down: OpenCode no longer knows it.
    const probeSession = world.model.requests.find((r) => r.lastUser.includes('[[phase:PRE_FLIGHT_CHECK]]'))?.sessionId;
    expect(probeSession).toBeTruthy();
    const gone = await fetch(`${world.opencode.url}/session/${probeSession}?directory=${encodeURIComponent(worktree)}`);
    expect(gone.status).toBe(404);

    // Cleaned up, a retry passes pre-flight and drafts plan v1.
    rmSync(join(worktree, 'src', 'stray.js'));
    expect((await world.server.call('POST', `/api/tickets/${ref}/retry`)).status).toBe(200);
    await world.waitForStatus(ref, 'WAITING_EXECUTION_SETUP_APPROVAL', 120_000);
    const v1 = (await world.server.call('GET', `/api/tickets/${ref}/execution-setup-plan`)).json;
    expect(v1).toMatchObject({ exists: true, version: 1, canApprove: true });
    expect(v1.plan).toMatchObject({ ticketId: ref, status: 'draft', readiness: { status: 'ready' } });
    expect(v1.raw).toContain('"schema_version": "1"');
    expect(v1.plan.workspaceProbes.map((p: Json) => p.id)).toEqual(['node', 'tests']);

    // A malformed edit is refused by field; nothing is saved.
    const bad = await world.server.call('PUT', `/api/tickets/${ref}/execution-setup-plan`, {
      plan: {
        ...v1.plan,
        workspaceProbes: [{ id: 'v', command: { program: 'node', args: ['--version'] }, purpose: 'v' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('workspaceProbes');

    // Regenerate with commentary → version 2; version 1 stays readable but read-only.
    const regen = await world.server.call('POST', `/api/tickets/${ref}/regenerate-execution-setup-plan`, {
      commentary: 'Name node --test as the full test command.',
    });
    expect(regen.status, JSON.stringify(regen.json)).toBe(200);
    await world.waitForStatus(ref, 'WAITING_EXECUTION_SETUP_APPROVAL', 120_000);
    const v2 = (await world.server.call('GET', `/api/tickets/${ref}/execution-setup-plan`)).json;
    expect(v2).toMatchObject({
      version: 2,
      versions: [
        { version: 1, state: 'archived' },
        { version: 2, state: 'active' },
      ],
    });
    expect(v2.plan.summary).toContain('Regenerated');
    const regenPrompt = world.model.requests.find((r) =>
      r.lastUser.includes('## Task: regenerate the execution setup plan'),
    );
    expect(regenPrompt?.lastUser).toContain('Name node --test as the full test command.');
    const old = (await world.server.call('GET', `/api/tickets/${ref}/execution-setup-plan?phaseAttempt=1`)).json;
    expect(old).toMatchObject({ version: 1, editable: false, canApprove: false });
    expect(old.contentSha256).toBe(v1.contentSha256);
    const writeOld = await world.server.call('PUT', `/api/tickets/${ref}/execution-setup-plan`, {
      raw: v1.raw,
      phaseAttempt: 1,
    });
    expect(writeOld.status).toBe(409);

    // Approving the old hash is stale; the current one moves on to PREPARING_EXECUTION_ENV.
    const stale = await world.server.call('POST', `/api/tickets/${ref}/approve-execution-setup-plan`, {
      expectedContentSha256: v1.contentSha256,
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: 'Stale approval' });
    // §10.4: approval refreshes the hook evidence first; a new hook changes the plan's hash, so it must be reviewed.
    const hook = join(world.repo.dir, '.git', 'hooks', 'pre-push');
    writeFileSync(hook, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const changed = await world.server.call('POST', `/api/tickets/${ref}/approve-execution-setup-plan`, {
      expectedContentSha256: v2.contentSha256,
    });
    expect(changed.status).toBe(409);
    expect(changed.json.details).toMatchObject({ evidenceChanged: true });
    const refreshed = (await world.server.call('GET', `/api/tickets/${ref}/execution-setup-plan`)).json;
    expect(refreshed.contentSha256).toBe(changed.json.details.currentContentSha256);
    expect(refreshed.plan.gitHooks.detected.map((h: Json) => h.name)).toEqual(['pre-push']);
    // Nothing changed since: approving the refreshed hash goes through (no review loop).
    const ok = await world.server.call('POST', `/api/tickets/${ref}/approve-execution-setup-plan`, {
      expectedContentSha256: refreshed.contentSha256,
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.ticket.status).toBe('PREPARING_EXECUTION_ENV');
    rmSync(hook);

    // Attempt 1 claims ready with a launcher that does not exist: the backend's own probe fails it; attempt 2 passes.
    // CODING is the next issue: the ticket reaches it and stops there.
    const end = await world.waitForStatus(ref, 'BLOCKED_ERROR', 180_000);
    expect(end.previousStatus).toBe('CODING');
    const [setup] = await artifactsOf(world, ref, 'execution_setup_report');
    const setupReport = JSON.parse(setup.content);
    expect(setupReport.status).toBe('ready');
    expect(setupReport.attempts).toHaveLength(2);
    expect(setupReport.attempts[0].error).toContain('missing-launcher-xyz');
    expect(setupReport.attempts[0].probes[0]).toMatchObject({ kind: 'tooling', exitCode: 127 });
    expect(setupReport.attempts[1].probes.map((p: Json) => [p.id, p.exitCode])).toEqual([
      ['tooling-1', 0],
      ['node', 0],
      ['tests', 0],
    ]);
    expect(setupReport.retryNotes).toEqual(['The probe named a launcher that does not exist; use node.']);
    // The agent really ran its bash tool through OpenCode in the worktree.
    const toolFollowUps = world.model.requests.filter(
      (r) => r.lastUser.includes('[[phase:PREPARING_EXECUTION_ENV]]') && r.isAfterToolResult,
    );
    expect(toolFollowUps.length).toBeGreaterThanOrEqual(2);
    const profile = JSON.parse(
      readFileSync(join(worktree, '.ticket', 'runtime', 'execution-setup-profile.json'), 'utf8'),
    );
    expect(profile).toMatchObject({ status: 'ready' });
    expect(existsSync(join(worktree, 'src', 'stray.js'))).toBe(false);
    expect(world.repo.git('-C', worktree, 'status', '--porcelain').trim()).toBe('');
    await world.server.call('POST', `/api/tickets/${ref}/cancel`, {});
  });

  it('stops at once when the setup reports a tool as not provisionable, then retries with a note in the same session', async () => {
    const note = 'Use node instead of zig; it is already installed.';
    const scenario = (o: Json) =>
      executionScenario({
        ...o,
        extraRules: [{ name: 'retry-with-note', match: { marker: note }, reply: setupResult() }],
        setupResults: [
          setupResult({ status: 'blocked', notProvisionable: 'zig has no user-space install on this host' }),
        ],
      });
    const { ref, beadsSha } = await toBeadsGate(world, scenario);
    await world.server.call('POST', `/api/tickets/${ref}/approve-beads`, { expectedContentSha256: beadsSha });
    await world.waitForStatus(ref, 'WAITING_EXECUTION_SETUP_APPROVAL', 180_000);
    const plan = (await world.server.call('GET', `/api/tickets/${ref}/execution-setup-plan`)).json;
    const ok = await world.server.call('POST', `/api/tickets/${ref}/approve-execution-setup-plan`, {
      expectedContentSha256: plan.contentSha256,
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const blocked = await world.waitForStatus(ref, 'BLOCKED_ERROR', 180_000);
    expect(blocked).toMatchObject({
      previousStatus: 'PREPARING_EXECUTION_ENV',
      errorCodes: ['EXECUTION_SETUP_FAILED'],
    });
    expect(blocked.errorMessage).toContain('zig has no user-space install');
    expect(blocked.availableActions).toEqual(['retry', 'edit_execution_setup_plan', 'cancel']);
    const [setup] = await artifactsOf(world, ref, 'execution_setup_report');
    expect(JSON.parse(setup.content).attempts).toHaveLength(1);

    // §4.4 Retry with extra note: whitespace is refused; a note goes, alone, into the preserved setup session.
    expect((await world.server.call('POST', `/api/tickets/${ref}/retry`, { note: '   ' })).status).toBe(400);
    const retried = await world.server.call('POST', `/api/tickets/${ref}/retry`, { note });
    expect(retried.status, JSON.stringify(retried.json)).toBe(200);
    const end = await world.waitForStatus(ref, 'BLOCKED_ERROR', 120_000);
    expect(end.previousStatus).toBe('CODING');
    const noteRequest = world.model.requests.find(
      (r) => r.lastUser.includes(note) && !r.lastUser.includes('## Task: prepare the workspace'),
    );
    const firstAttempt = JSON.parse(setup.content).attempts[0];
    expect(noteRequest, 'the note was sent as the whole prompt').toBeDefined();
    const [after] = (await artifactsOf(world, ref, 'execution_setup_report')).slice(-1);
    const final = JSON.parse(after.content);
    expect(final).toMatchObject({ status: 'ready' });
    expect(final.attempts[0].sessionId).toBe(firstAttempt.sessionId);
  });
});
