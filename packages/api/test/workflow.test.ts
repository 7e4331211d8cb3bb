import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { phaseRule, replies } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentWorld, startAgentWorld } from './agent-harness.ts';
import { openSse } from './sse-client.ts';

describe('workflow engine with the real OpenCode binary', { timeout: 120_000 }, () => {
  let world: AgentWorld;
  beforeAll(async () => {
    world = await startAgentWorld({
      devEvents: true,
      scenario: { rules: [phaseRule('SCANNING_RELEVANT_FILES', { text: 'I am not YAML at all, sorry.' })] },
    });
  }, 120_000);
  afterAll(() => world.dispose());

  it('refuses to start without models in the catalog, with an unknown ticket, or twice', async () => {
    expect((await world.server.call('POST', '/api/tickets/SMP-999/start')).status).toBe(404);
    const ref = await world.createTicket('Throwaway');
    await world.server.call('PATCH', '/api/profile', { councilMembers: ['scripted/alpha', 'nope/missing'] });
    const missing = await world.server.call('POST', `/api/tickets/${ref}/start`);
    expect(missing.status).toBe(400);
    expect(missing.json.details.missing).toEqual(['nope/missing']);
    await world.server.call('PATCH', '/api/profile', { councilMembers: world.opencode.modelIds });
    await world.server.call('POST', `/api/tickets/${ref}/cancel`);
    expect((await world.server.call('POST', `/api/tickets/${ref}/start`)).status).toBe(409);
  });

  it('blocks on garbage output, keeps the attempt, and retries into attempt 2', async () => {
    const ref = await world.createTicket();
    const stream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}`);
    const started = await world.server.call('POST', `/api/tickets/${ref}/start`);
    expect(started.status).toBe(200);
    expect(started.json.ticket).toMatchObject({
      status: 'SCANNING_RELEVANT_FILES',
      branchName: ref,
      baseBranch: 'main',
    });
    expect(started.json.ticket.lockedSettings.councilMembers).toEqual(world.opencode.modelIds);
    const worktree = join(world.repo.dir, '.looptroop', 'worktrees', ref);
    expect(existsSync(join(worktree, '.ticket', 'meta', 'ticket.meta.json'))).toBe(true);
    expect(world.repo.git('branch', '--list', ref)).toContain(ref);

    const blocked = await world.waitForStatus(ref, 'BLOCKED_ERROR');
    expect(blocked).toMatchObject({ previousStatus: 'SCANNING_RELEVANT_FILES' });
    expect(blocked.errorCodes).toContain('RELEVANT_FILES_SCAN_FAILED');
    const errorEvent = await stream.waitFor((f) => f.event === 'error');
    expect(errorEvent.data).toMatchObject({ ticketId: ref, phase: 'SCANNING_RELEVANT_FILES' });
    // structuredRetryCount 1 → two answers, both kept for diagnosis
    const raw = await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=relevant_files_attempts`);
    expect(JSON.parse(raw.json[0].content)).toHaveLength(2);

    world.model.setScenario({
      rules: [
        phaseRule('SCANNING_RELEVANT_FILES', replies.relevantFiles()),
        phaseRule('COUNCIL_DELIBERATING', { hang: true }),
      ],
    });
    const retried = await world.server.call('POST', `/api/tickets/${ref}/retry`);
    expect(retried.status).toBe(200);
    await world.waitForStatus(ref, 'COUNCIL_DELIBERATING');
    const attempts = await world.server.call('GET', `/api/tickets/${ref}/phases/SCANNING_RELEVANT_FILES/attempts`);
    expect(attempts.json.map((a: { attemptNumber: number; state: string }) => [a.attemptNumber, a.state])).toEqual([
      [1, 'archived'],
      [2, 'active'],
    ]);
    expect(attempts.json[0].archivedReason).toBe('manual_retry_after_blocked_error');
    const scan = await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=relevant_files`);
    expect(scan.json[0]).toMatchObject({ phaseAttempt: 2 });
    expect(existsSync(join(worktree, '.ticket', 'relevant-files.yaml'))).toBe(true);

    const log = await world.server.call('GET', `/api/files/${ref}/logs`);
    expect(
      log.json.some((r: { kind: string; message: string }) => r.kind === 'prompt' && /chars/.test(r.message)),
    ).toBe(true);

    // cancel mid-phase (the drafting model hangs) with deleteContent: worktree and branch are gone, the row stays
    const canceled = await world.server.call('POST', `/api/tickets/${ref}/cancel`, {
      deleteContent: true,
      deleteLog: true,
    });
    expect(canceled.json.status).toBe('CANCELED');
    expect(existsSync(worktree)).toBe(false);
    expect(world.repo.git('branch', '--list', ref).trim()).toBe('');
    expect((await world.server.call('GET', `/api/tickets/${ref}/artifacts`)).json).toEqual([]);
    expect((await world.server.call('GET', `/api/tickets/${ref}`)).json.status).toBe('CANCELED');
    stream.close();
  });

  it('guards dev-event with the workflow machine', async () => {
    const ref = await world.createTicket('dev events');
    const refused = await world.server.devEvent(ref, { type: 'APPROVE' });
    expect(refused.status).toBe(409);
    const bad = await world.server.devEvent(ref, { type: 'NOT_AN_EVENT' });
    expect(bad.status).toBe(400);
  });
});
