import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planningScenario } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentWorld, startAgentWorld } from './agent-harness.ts';
import { approvedInterview } from './planning-drive.ts';
import { openSse } from './sse-client.ts';

// biome-ignore lint/suspicious/noExplicitAny: test payloads are read field by field
type Json = any;

describe('PRD and beads with the real OpenCode binary', { timeout: 300_000 }, () => {
  let world: AgentWorld;
  beforeAll(async () => {
    world = await startAgentWorld({ scenario: planningScenario(), profile: { maxPrdCoveragePasses: 3 } });
  }, 120_000);
  afterAll(() => world.dispose());

  it('drafts, revises and approves the PRD, expands and edits the bead plan, and approves it into PRE_FLIGHT_CHECK', async () => {
    const { ref, skipped } = await approvedInterview(world);
    const stream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}&lastEventId=0`);
    await world.waitForStatus(ref, 'WAITING_PRD_APPROVAL', 120_000);

    // Full Answers: every member filled the skipped answers; the winner's are shown read-only at approval.
    const fullAnswerPrompts = world.model.requests.filter((r) => r.lastUser.includes('## Task: Full Answers'));
    expect(fullAnswerPrompts.length).toBe(3);
    const review = (await world.server.call('GET', `/api/tickets/${ref}/review/prd`)).json;
    expect(review).toMatchObject({ domain: 'prd', exists: true, candidateVersion: 2 });
    expect(review.fullAnswers).toContain('ai_skip');
    expect(review.fullAnswers).toContain(`Filled in for ${skipped[0]}.`);
    expect(review.council).toMatchObject({ winnerId: 'scripted/alpha', degraded: false });
    expect(review.council.members.map((m: Json) => m.draftStatus)).toEqual(['completed', 'completed', 'completed']);
    // One coverage revision: gaps on v1, revised to v2, clean.
    expect(review.coverage).toMatchObject({ status: 'clean', limitReached: false, gaps: [] });
    expect(review.coverage.passes).toEqual([
      { runNumber: 1, status: 'gaps', gaps: ['Idle sessions are not covered.'], revised: true },
      { runNumber: 2, status: 'clean', gaps: [], revised: false },
    ]);
    const prdFile = (await world.server.call('GET', `/api/files/${ref}/prd`)).json;
    expect(prdFile.contentSha256).toBe(review.contentSha256);
    expect(prdFile.content).toContain('id: US-2-2');
    expect(prdFile.content).toContain(`ticket_id: ${ref}`);

    // A saved PRD edit is validated; an accepted one changes the hash the approval needs.
    const invalid = await world.server.call('PUT', `/api/files/${ref}/prd`, { content: 'epics: []' });
    expect(invalid.status).toBe(400);
    const edited = await world.server.call('PUT', `/api/files/${ref}/prd`, {
      content: prdFile.content.replace('title: Idle sessions', 'title: Idle session timeout'),
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json.contentSha256).not.toBe(prdFile.contentSha256);
    expect(edited.json.restartedPlanning).toBe(false);
    const stale = await world.server.call('POST', `/api/tickets/${ref}/approve-prd`, {
      expectedContentSha256: prdFile.contentSha256,
    });
    expect(stale.status).toBe(409);
    const approved = await world.server.call('POST', `/api/tickets/${ref}/approve-prd`, {
      expectedContentSha256: edited.json.contentSha256,
    });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    expect(approved.json.ticket.status).toBe('DRAFTING_BEADS');

    await world.waitForStatus(ref, 'WAITING_BEADS_APPROVAL', 120_000);
    const res = await fetch(`${world.server.url}/api/tickets/${ref}/beads`);
    const plan = (await res.json()) as Json;
    expect(res.headers.get('x-content-sha256')).toBe(plan.contentSha256);
    expect(plan).toMatchObject({ flow: 'main', exists: true, editable: true, issues: [] });
    expect(plan.beads.map((b: Json) => [b.id, b.priority, b.status])).toEqual([
      ['auth.session-store', 1, 'pending'],
      ['auth.password-login', 2, 'pending'],
      ['auth.sso-login', 3, 'pending'],
      ['auth.idle-expiry', 4, 'pending'],
    ]);
    expect(plan.beads[0].dependencies).toEqual({
      blocked_by: [],
      blocks: ['auth.password-login', 'auth.idle-expiry'],
    });
    expect(plan.beads[2]).toMatchObject({ testCommands: [], externalRef: ref, iteration: 1 });
    expect(plan.beads[2].testCommandReason).toContain('node --test');
    const worktree = join(world.repo.dir, '.looptroop', 'worktrees', ref);
    const jsonl = readFileSync(join(worktree, '.ticket', 'beads', 'main', '.beads', 'issues.jsonl'), 'utf8');
    expect(jsonl.trim().split('\n')).toHaveLength(4);
    const beadsReview = (await world.server.call('GET', `/api/tickets/${ref}/review/beads`)).json;
    expect(beadsReview).toMatchObject({ contentSha256: plan.contentSha256, coverage: { status: 'clean' } });

    // A cycle is refused with 400 naming the beads; nothing is saved.
    const cyclic: Json[] = structuredClone(plan.beads);
    cyclic[0].dependencies.blocked_by = ['auth.sso-login'];
    const refused = await world.server.call('PUT', `/api/tickets/${ref}/beads`, { beads: cyclic });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toContain('auth.session-store');
    expect(refused.json.error).toContain('auth.sso-login');
    const cycleBeads = refused.json.details.issues.map((i: Json) => i.beadId);
    expect(new Set(cycleBeads)).toEqual(new Set(['auth.session-store', 'auth.password-login', 'auth.sso-login']));
    const unknown: Json[] = structuredClone(plan.beads);
    unknown[1].dependencies.blocked_by = ['nope'];
    unknown[2].targetFiles = ['../outside.js'];
    const refused2 = (await world.server.call('PUT', `/api/tickets/${ref}/beads`, { beads: unknown })).json;
    expect(refused2.details.issues.map((i: Json) => [i.beadId, i.field])).toEqual([
      ['auth.password-login', 'dependencies.blocked_by'],
      ['auth.sso-login', 'targetFiles'],
    ]);
    expect((await world.server.call('GET', `/api/tickets/${ref}/beads`)).json.contentSha256).toBe(plan.contentSha256);

    // A valid edit: reorder two independent beads and rename one; app fields are recomputed.
    const reordered: Json[] = [plan.beads[0], plan.beads[3], plan.beads[1], plan.beads[2]].map((b: Json) => ({ ...b }));
    reordered[1].title = 'Idle timeout';
    const saved = await world.server.call('PUT', `/api/tickets/${ref}/beads`, { beads: reordered });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.beads.map((b: Json) => [b.id, b.priority])).toEqual([
      ['auth.session-store', 1],
      ['auth.idle-expiry', 2],
      ['auth.password-login', 3],
      ['auth.sso-login', 4],
    ]);
    expect(saved.json.beads[1].title).toBe('Idle timeout');
    const receipts = (
      await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=user_edit_receipt:beads`)
    ).json;
    expect(JSON.parse(receipts[0].content)).toMatchObject({
      beforeSha256: plan.contentSha256,
      afterSha256: saved.json.contentSha256,
    });

    expect(
      (
        await world.server.call('POST', `/api/tickets/${ref}/approve-beads`, {
          expectedContentSha256: plan.contentSha256,
        })
      ).status,
    ).toBe(409);
    const go = await world.server.call('POST', `/api/tickets/${ref}/approve-beads`, {
      expectedContentSha256: saved.json.contentSha256,
    });
    expect(go.status, JSON.stringify(go.json)).toBe(200);
    expect(go.json.ticket.status).toBe('PRE_FLIGHT_CHECK');
    await stream.waitFor((f) => f.event === 'state_change' && (f.data as Json).from === 'WAITING_BEADS_APPROVAL');
    // From the execution band on, planning documents are read-only.
    expect((await world.server.call('PUT', `/api/files/${ref}/prd`, { content: prdFile.content })).status).toBe(409);
    expect((await world.server.call('PUT', `/api/tickets/${ref}/beads`, { beads: reordered })).status).toBe(409);
    stream.close();
  });

  it('reaches PRD approval with the gaps listed when the coverage loop hits its cap', async () => {
    await world.server.call('PATCH', '/api/profile', { maxPrdCoveragePasses: 2 });
    const { ref, skipped } = await approvedInterview(world, { prdCoverage: 'capped' });
    await world.waitForStatus(ref, 'WAITING_PRD_APPROVAL', 120_000);
    const review = (await world.server.call('GET', `/api/tickets/${ref}/review/prd`)).json;
    expect(review.coverage).toMatchObject({
      status: 'gaps',
      limitReached: true,
      terminationReason: 'coverage_pass_limit_reached',
      gaps: ['Idle sessions are not covered.'],
      maxPasses: 2,
    });
    expect(review.coverage.passes.map((p: Json) => p.revised)).toEqual([true, false]);
    expect(review.candidateVersion).toBe(2);

    // Fix gaps with AI (§8.5): one revision and one audit in the background; approval and saves wait for it.
    expect((await world.server.call('POST', `/api/tickets/${ref}/coverage/fix-gaps`, { domain: 'beads' })).status).toBe(
      409,
    );
    world.model.setScenario(planningScenario({ prdCoverage: 'clean', skipped, revisionDelayMs: 1500 }));
    const fixStream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}`);
    const fix = await world.server.call('POST', `/api/tickets/${ref}/coverage/fix-gaps`, { domain: 'prd' });
    expect(fix.status, JSON.stringify(fix.json)).toBe(202);
    expect(fix.json).toMatchObject({ started: true, gaps: ['Idle sessions are not covered.'] });
    expect((await world.server.call('POST', `/api/tickets/${ref}/coverage/fix-gaps`, { domain: 'prd' })).status).toBe(
      409,
    );
    const busy = await world.server.call('POST', `/api/tickets/${ref}/approve-prd`, {
      expectedContentSha256: review.contentSha256,
    });
    expect(busy.status).toBe(409);
    expect(busy.json.error).toContain('gap fix');
    expect((await world.server.call('PUT', `/api/files/${ref}/prd`, { content: review.raw })).status).toBe(409);
    expect((await world.server.call('GET', `/api/tickets/${ref}/review/prd`)).json.fixRunning).toBe(true);
    // The fix announces its end on the stream; only then may another one start.
    await fixStream.waitFor((f) => f.event === 'needs_input' && (f.data as Json).type === 'prd_approval');
    fixStream.close();
    const fixed = (await world.server.call('GET', `/api/tickets/${ref}/review/prd`)).json;
    expect(fixed.coverage).toMatchObject({ status: 'clean', gaps: [], terminationReason: 'fix_gaps_clean' });
    expect(fixed.candidateVersion).toBe(3);
    expect(fixed.raw).toContain('id: US-2-2');
    const revisions = (await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=prd_revision`)).json;
    expect(revisions.map((r: Json) => JSON.parse(r.content).toVersion)).toEqual([2, 3]);
    const noop = await world.server.call('POST', `/api/tickets/${ref}/coverage/fix-gaps`, { domain: 'prd' });
    expect(noop.status).toBe(200);
    expect(noop.json).toMatchObject({ started: false, gaps: [] });

    // Editing the approved PRD in the beads phases restarts planning at DRAFTING_BEADS (§4.8).
    const approved = await world.server.call('POST', `/api/tickets/${ref}/approve-prd`, {
      expectedContentSha256: fixed.contentSha256,
    });
    expect(approved.status).toBe(200);
    await world.waitForStatus(ref, 'WAITING_BEADS_APPROVAL', 120_000);
    const stream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}`);
    // Drafts downstream of the edit go with the restart (§4.8); the PRD's own draft stays.
    for (const scope of ['beads-draft', 'prd-draft']) {
      await world.server.call('PUT', `/api/tickets/${ref}/ui-state`, { scope, data: { text: 'unsaved' } });
    }
    const restarted = await world.server.call('PUT', `/api/files/${ref}/prd`, {
      content: fixed.raw.replace('Users cannot log in', 'Users still cannot log in'),
    });
    expect(restarted.status, JSON.stringify(restarted.json)).toBe(200);
    expect(restarted.json.restartedPlanning).toBe(true);
    const uiState = async (scope: string) =>
      (await world.server.call('GET', `/api/tickets/${ref}/ui-state?scope=${scope}`)).json.exists;
    expect(await uiState('beads-draft')).toBe(false);
    expect(await uiState('prd-draft')).toBe(true);
    const cleared = await world.server.call('PUT', `/api/tickets/${ref}/ui-state`, { scope: 'prd-draft', data: null });
    expect(cleared.json).toMatchObject({ exists: false, data: null });
    expect(await uiState('prd-draft')).toBe(false);
    await stream.waitFor(
      (f) =>
        f.event === 'state_change' &&
        (f.data as Json).from === 'WAITING_BEADS_APPROVAL' &&
        (f.data as Json).to === 'DRAFTING_BEADS',
    );
    const attempts = (await world.server.call('GET', `/api/tickets/${ref}/phases/EXPANDING_BEADS/attempts`)).json;
    expect(attempts.map((a: Json) => a.state)).toEqual(['archived', 'active']);
    expect(existsSync(join(world.repo.dir, '.looptroop', 'worktrees', ref, '.ticket', 'prd.yaml'))).toBe(true);
    await world.waitForStatus(ref, 'WAITING_BEADS_APPROVAL', 120_000);
    stream.close();
  });

  it('approves a capped PRD with its open gaps and the reason on the receipt', async () => {
    await world.server.call('PATCH', '/api/profile', { maxPrdCoveragePasses: 2 });
    const { ref } = await approvedInterview(world, { prdCoverage: 'capped' });
    await world.waitForStatus(ref, 'WAITING_PRD_APPROVAL', 120_000);
    const review = (await world.server.call('GET', `/api/tickets/${ref}/review/prd`)).json;
    const approved = await world.server.call('POST', `/api/tickets/${ref}/approve-prd`, {
      expectedContentSha256: review.contentSha256,
      reason: 'Idle sessions come in a follow-up ticket.',
    });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    const receipts = (await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=approval_receipt`))
      .json;
    expect(JSON.parse(receipts.at(-1).content)).toMatchObject({
      artifactType: 'prd',
      contentSha256: review.contentSha256,
      openGaps: ['Idle sessions are not covered.'],
      reason: 'Idle sessions come in a follow-up ticket.',
    });
    await world.server.call('POST', `/api/tickets/${ref}/cancel`);
  });
});
