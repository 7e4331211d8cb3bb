import { interviewScenario, phaseRule, replies } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentWorld, startAgentWorld } from './agent-harness.ts';
import { openSse } from './sse-client.ts';

async function waitForBatch(world: AgentWorld, ref: string, batchNumber: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await world.server.call('GET', `/api/tickets/${ref}/interview`)).json;
    if (view.currentBatch?.batchNumber === batchNumber && view.session?.pendingAnswerIds.length === 0) return view;
    if (Date.now() > deadline) throw new Error(`no batch ${batchNumber}: ${JSON.stringify(view.currentBatch)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('council and interview with the real OpenCode binary', { timeout: 180_000 }, () => {
  let world: AgentWorld;
  beforeAll(async () => {
    world = await startAgentWorld({ scenario: interviewScenario() });
  }, 120_000);
  afterAll(() => world.dispose());

  it('drafts, votes, compiles, interviews in batches with a coverage follow-up, and approves', async () => {
    const ref = await world.createTicket();
    const stream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}&lastEventId=0`);
    expect((await world.server.call('POST', `/api/tickets/${ref}/start`)).status).toBe(200);
    await world.waitForStatus(ref, 'WAITING_INTERVIEW_ANSWERS');

    const votes = (await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=interview_votes`)).json;
    const record = JSON.parse(votes.at(-1).content);
    expect(record.result).toMatchObject({ winnerId: 'scripted/alpha', degraded: false });
    expect(record.voters).toHaveLength(3);

    const first = await waitForBatch(world, ref, 1);
    expect(first.winnerId).toBe('scripted/alpha');
    expect(first.currentBatch.questions.map((q: { id: string }) => q.id)).toEqual(['Q01', 'Q02']);
    // Issue 17 compatibility: clients of the reference read full questions from session.currentBatch.questions.
    expect(first.session.currentBatch.questions).toEqual(first.currentBatch.questions);
    expect(first.session.currentBatch.questionIds).toEqual(['Q01', 'Q02']);
    expect(first.currentBatch.questions[1].options.map((o: { id: string }) => o.id)).toEqual([
      'opt-password',
      'opt-sso',
    ]);
    const needsInput = await stream.waitFor((f) => f.event === 'needs_input');
    expect(needsInput.data).toMatchObject({ type: 'interview_batch' });

    const missing = await world.server.call('POST', `/api/tickets/${ref}/answer-batch`, {
      answers: { Q01: 'Developers' },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.details.missing).toEqual(['Q02']);
    const accepted = await world.server.call('POST', `/api/tickets/${ref}/answer-batch`, {
      answers: { Q01: 'Developers and admins', Q02: 'SSO is the priority' },
      selectedOptions: { Q02: ['opt-password', 'opt-sso'] },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({ accepted: true });
    const again = await world.server.call('POST', `/api/tickets/${ref}/answer-batch`, {
      answers: { Q01: 'x', Q02: 'y' },
    });
    expect(again.status).toBe(409);

    await waitForBatch(world, ref, 2);
    // the model received the choice answer in the documented form
    const turn = world.model.requests.find((r) => r.lastUser.includes('Answers for batch 1'));
    expect(turn?.lastUser).toContain('Selected: "Password", "SSO". Notes: SSO is the priority');

    const edited = await world.server.call('PATCH', `/api/tickets/${ref}/edit-answer`, {
      questionId: 'Q01',
      answer: 'Only developers',
    });
    expect(edited.status).toBe(200);
    await world.server.call('POST', `/api/tickets/${ref}/answer-batch`, { skipped: { Q03: 'decide later' } });
    const final = await waitForBatch(world, ref, 3);
    expect(final.currentBatch).toMatchObject({ isFinalFreeForm: true });
    await world.server.call('POST', `/api/tickets/${ref}/answer-batch`, { answers: { QFF1: 'Nothing else.' } });

    // coverage finds a gap and loops back with a follow-up round
    const followUp = await waitForBatch(world, ref, 4);
    expect(followUp.currentBatch).toMatchObject({ source: 'coverage', roundNumber: 1 });
    expect(followUp.currentBatch.questions.map((q: { id: string }) => q.id)).toEqual(['CFU1']);
    expect((await world.server.call('GET', `/api/tickets/${ref}`)).json.visitedStatuses).toContain(
      'VERIFYING_INTERVIEW_COVERAGE',
    );
    await world.server.call('POST', `/api/tickets/${ref}/answer-batch`, { answers: { CFU1: 'Yes' } });

    await world.waitForStatus(ref, 'WAITING_INTERVIEW_APPROVAL');
    const view = (await world.server.call('GET', `/api/tickets/${ref}/interview`)).json;
    const answers = Object.fromEntries(
      view.document.questions.map((q: { id: string; answer: unknown }) => [q.id, q.answer]),
    );
    expect(answers.Q01).toMatchObject({ free_text: 'Only developers', skipped: false });
    expect(answers.Q02).toMatchObject({ selected_option_ids: ['opt-password', 'opt-sso'] });
    expect(answers.Q03).toMatchObject({ skipped: true, skip_reason: 'decide later' });
    expect(answers.CFU1).toMatchObject({ free_text: 'Yes' });
    expect(view.document.follow_up_rounds).toEqual([{ round_number: 1, source: 'coverage', question_ids: ['CFU1'] }]);
    const coverage = (await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=interview_coverage`))
      .json;
    expect(coverage.map((a: { content: string }) => JSON.parse(a.content).terminationReason)).toEqual([
      'gaps',
      'clean',
    ]);

    const stale = await world.server.call('POST', `/api/tickets/${ref}/approve-interview`, {
      expectedContentSha256: 'a'.repeat(64),
    });
    expect(stale.status).toBe(409);
    expect(stale.json.details).toMatchObject({ artifactType: 'interview', currentContentSha256: view.contentSha256 });
    // workflow.md §14.4: the hashes are also at the top level of the body, where the reference's clients read them.
    expect(stale.json).toMatchObject({
      error: 'Stale approval',
      artifactType: 'interview',
      expectedContentSha256: 'a'.repeat(64),
      currentContentSha256: view.contentSha256,
    });
    const malformed = await world.server.call('POST', `/api/tickets/${ref}/approve-interview`, {
      expectedContentSha256: 'nope',
    });
    expect(malformed.status).toBe(400);
    const approved = await world.server.call('POST', `/api/tickets/${ref}/approve-interview`, {
      expectedContentSha256: view.contentSha256,
    });
    expect(approved.status).toBe(200);
    expect(approved.json.ticket.status).toBe('DRAFTING_PRD');
    await stream.waitFor((f) => f.event === 'state_change' && (f.data as { to: string }).to === 'DRAFTING_PRD');
    // This scenario has no PRD answers, so PRD drafting blocks; an interview edit now restarts planning (§4.8).
    const blocked = await world.waitForStatus(ref, 'BLOCKED_ERROR');
    // Q03 was skipped and no member could fill it in (§8.1, §5.8): the block says so.
    expect(blocked).toMatchObject({ previousStatus: 'DRAFTING_PRD', errorCodes: ['QUORUM_NOT_MET'] });
    expect(blocked.errorMessage).toContain('valid Full Answers');
    const invalid = await world.server.call('PUT', `/api/files/${ref}/interview`, { content: 'questions: [oops' });
    expect(invalid.status).toBe(400);
    const editedRaw = view.raw.replace('Only developers', 'Developers and support staff');
    const saved = await world.server.call('PUT', `/api/files/${ref}/interview`, { content: editedRaw });
    expect(saved.status, JSON.stringify(saved.json).slice(0, 400)).toBe(200);
    expect(saved.json.content).toContain('Developers and support staff');
    await stream.waitFor(
      (f) =>
        f.event === 'state_change' &&
        (f.data as { from: string; to: string }).from === 'BLOCKED_ERROR' &&
        (f.data as { to: string }).to === 'DRAFTING_PRD',
    );
    const latest = (await world.server.call('GET', `/api/tickets/${ref}/interview`)).json;
    expect(latest.document.status).toBe('approved');
    expect(latest.document.questions[0].answer.free_text).toBe('Developers and support staff');
    const receipts = (
      await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=user_edit_receipt:interview`)
    ).json;
    expect(receipts).toHaveLength(1);
    stream.close();
  });

  it('reaches quorum without a timed-out member and marks the council degraded', async () => {
    world.model.setScenario({
      rules: [
        phaseRule('COUNCIL_DELIBERATING', { hang: true }, { model: 'gamma' }),
        ...interviewScenario().rules,
        phaseRule('WAITING_INTERVIEW_ANSWERS', { hang: true }),
      ],
    });
    await world.server.call('PATCH', '/api/profile', { councilResponseTimeout: 10 });
    const ref = await world.createTicket('Degraded council');
    await world.server.call('POST', `/api/tickets/${ref}/start`);
    await world.waitForStatus(ref, 'WAITING_INTERVIEW_ANSWERS', 90_000);
    const drafts = JSON.parse(
      (await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=interview_drafts`)).json.at(-1)
        .content,
    );
    const outcomes = Object.fromEntries(
      drafts.members.map((m: { memberId: string; status: string }) => [m.memberId, m.status]),
    );
    expect(outcomes).toEqual({
      'scripted/alpha': 'completed',
      'scripted/beta': 'completed',
      'scripted/gamma': 'timed_out',
    });
    const votes = JSON.parse(
      (await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=interview_votes`)).json.at(-1)
        .content,
    );
    expect(votes.result.degraded).toBe(true);
    expect(votes.result.issues).toContainEqual(
      expect.objectContaining({ memberId: 'scripted/gamma', step: 'draft', outcome: 'timed_out' }),
    );
    await world.server.call('POST', `/api/tickets/${ref}/cancel`);
  });

  it('blocks with QUORUM_NOT_MET when two of three drafts fail', async () => {
    world.model.setScenario({
      rules: [
        phaseRule('COUNCIL_DELIBERATING', { text: 'no questions today' }, { model: 'beta' }),
        phaseRule(
          'COUNCIL_DELIBERATING',
          { httpError: { status: 400, body: '{"error":{"message":"bad request"}}' } },
          { model: 'gamma' },
        ),
        phaseRule('SCANNING_RELEVANT_FILES', replies.relevantFiles()),
        phaseRule('COUNCIL_DELIBERATING', replies.interviewDraft()),
      ],
    });
    const ref = await world.createTicket('No quorum');
    await world.server.call('POST', `/api/tickets/${ref}/start`);
    const blocked = await world.waitForStatus(ref, 'BLOCKED_ERROR', 90_000);
    expect(blocked).toMatchObject({ previousStatus: 'COUNCIL_DELIBERATING' });
    expect(blocked.errorCodes).toContain('QUORUM_NOT_MET');
    expect(String(blocked.errorMessage)).toMatch(/beta|gamma|quorum/i);
  });
});
