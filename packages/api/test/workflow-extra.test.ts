import { phaseRule, replies } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentWorld, startAgentWorld } from './agent-harness.ts';
import { makeRepo, type Reply, startTestServer, type TestServer } from './harness.ts';

// The workflow-engine leftovers over real HTTP: the execution band lock (workflow.md §4.6), the PR review routes
// (§10.11) and Continue (§4.4) — its refusals here, its happy path with the real OpenCode binary below.

type Json = Record<string, unknown>;

async function waitFor(server: TestServer, ref: string, status: string, timeoutMs = 15_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  let last: Json = {};
  while (Date.now() < deadline) {
    last = (await server.call('GET', `/api/tickets/${ref}`)).json;
    if (last.status === status) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${ref} did not reach ${status}; last ${last.status}: ${last.errorMessage}`);
}

/** Error occurrences read straight from the database (no route lists them yet). */
async function occurrencesOf(server: TestServer, ref: string) {
  const rows = await server.core.db.all<{
    blocked_from_status: string;
    diagnostics: string | null;
    resolution_status: string | null;
  }>(
    `SELECT o.blocked_from_status, o.diagnostics, o.resolution_status FROM ticket_error_occurrences o
     JOIN tickets t ON t.id = o.ticket_id WHERE t.external_id = '${ref}' ORDER BY o.occurrence_number`,
  );
  return rows.map((r) => ({ ...r, diagnostics: r.diagnostics ? (JSON.parse(r.diagnostics) as Json) : null }));
}

const isScanOf = (title: string) => (message: string) =>
  message.includes('[[phase:SCANNING_RELEVANT_FILES]]') && message.includes(title);

async function sessionState(server: TestServer, sessionId: string) {
  const [row] = await server.core.db.all<{ state: string }>(
    `SELECT state FROM opencode_sessions WHERE session_id = '${sessionId}'`,
  );
  return row?.state;
}

const expect409 = (reply: Reply, text: RegExp) => {
  expect(reply.status, JSON.stringify(reply.json)).toBe(409);
  expect(reply.json.error).toMatch(text);
  expect(reply.json).toHaveProperty('details');
};

describe('workflow actions over HTTP (no OpenCode needed)', () => {
  let server: TestServer;
  const projects: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTestServer({ env: { LOOPTROOP_DEV_EVENTS: '1' } });
    for (const shortname of ['BAND', 'OTHR', 'REVW']) {
      const created = await server.call('POST', '/api/projects', {
        name: shortname,
        shortname,
        folderPath: await makeRepo(),
      });
      projects[shortname] = created.json.id;
    }
  });
  afterAll(() => server.dispose());

  async function ticket(project: string, title: string): Promise<string> {
    return (await server.call('POST', '/api/tickets', { projectId: projects[project], title })).json.id;
  }

  /** DRAFT → BLOCKED_ERROR → `status` through dev-event (RETRY re-enters whatever previousStatus it is given). */
  async function driveTo(ref: string, status: string): Promise<Reply> {
    if ((await server.call('GET', `/api/tickets/${ref}`)).json.status === 'DRAFT') {
      expect((await server.devEvent(ref, { type: 'INIT_FAILED' })).status).toBe(200);
    }
    return server.devEvent(ref, { type: 'RETRY', context: { previousStatus: status } });
  }

  describe('execution band lock (§4.6)', () => {
    it('blocks a second ticket of the project at PRE_FLIGHT_CHECK with EXECUTION_BAND_BUSY naming the holder', async () => {
      const holder = await ticket('BAND', 'Holder in manual QA');
      expect((await driveTo(holder, 'WAITING_MANUAL_QA')).json.status).toBe('WAITING_MANUAL_QA');

      const incoming = await ticket('BAND', 'Wants the band');
      expect((await driveTo(incoming, 'PRE_FLIGHT_CHECK')).json.status).toBe('PRE_FLIGHT_CHECK');
      const blocked = await waitFor(server, incoming, 'BLOCKED_ERROR');
      expect(blocked).toMatchObject({ previousStatus: 'PRE_FLIGHT_CHECK', errorCodes: ['EXECUTION_BAND_BUSY'] });
      expect(blocked.errorMessage).toContain(holder);
      const [occurrence] = await occurrencesOf(server, incoming);
      expect(occurrence?.diagnostics).toMatchObject({ holderTicketId: holder, holderStatus: 'WAITING_MANUAL_QA' });

      // a ticket of another project is not affected: it passes the band check (and then stops in pre-flight's own
      // work: a ticket moved here by dev-event was never started, so it has no locked settings)
      const elsewhere = await ticket('OTHR', 'Other project');
      await driveTo(elsewhere, 'PRE_FLIGHT_CHECK');
      const other = await waitFor(server, elsewhere, 'BLOCKED_ERROR');
      expect(other.errorCodes).not.toContain('EXECUTION_BAND_BUSY');

      // §17 open point 9: blocked from a band status, the holder still holds the lock
      await server.devEvent(holder, { type: 'ERROR' });
      await waitFor(server, holder, 'BLOCKED_ERROR');
      expect((await server.call('POST', `/api/tickets/${incoming}/retry`)).status).toBe(200);
      const again = await waitFor(server, incoming, 'BLOCKED_ERROR');
      expect(again.errorCodes).toEqual(['EXECUTION_BAND_BUSY']);
      expect(again.errorMessage).toMatch(new RegExp(`${holder}.*blocked in WAITING_MANUAL_QA`));

      // once the holder is canceled the band is free: the retried ticket gets past the check
      await server.call('POST', `/api/tickets/${holder}/cancel`);
      expect((await server.call('POST', `/api/tickets/${incoming}/retry`)).status).toBe(200);
      const free = await waitFor(server, incoming, 'BLOCKED_ERROR');
      expect(free.errorCodes).not.toContain('EXECUTION_BAND_BUSY');
      expect((await occurrencesOf(server, incoming)).map((o) => o.resolution_status)).toEqual([
        'RETRIED',
        'RETRIED',
        null,
      ]);
    });
  });

  describe('PR review routes (§10.11)', () => {
    it('refuse outside WAITING_PR_REVIEW with 409 naming the status', async () => {
      const ref = await ticket('REVW', 'Not delivered yet');
      for (const path of ['merge', 'verify', 'close-unmerged']) {
        expect409(await server.call('POST', `/api/tickets/${ref}/${path}`), /\(this ticket is DRAFT\)/);
      }
      expect((await server.call('GET', `/api/tickets/${ref}`)).json.status).toBe('DRAFT');
    });

    it('merge answers 409 while no pull request was published; Finish Without Merge still finishes', async () => {
      const ref = await ticket('REVW', 'In review');
      const inReview = await driveTo(ref, 'WAITING_PR_REVIEW');
      expect(inReview.json.ticket.availableActions).toEqual(['merge', 'close_unmerged', 'cancel']);
      expect409(await server.call('POST', `/api/tickets/${ref}/merge`), /No pull request was published/);
      expect409(await server.call('POST', `/api/tickets/${ref}/verify`), /No pull request was published/);
      expect((await server.call('GET', `/api/tickets/${ref}`)).json.status).toBe('WAITING_PR_REVIEW');
      const none = await server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=merge_report`);
      expect(none.json).toEqual([]);
      const tooLong = await server.call('POST', `/api/tickets/${ref}/close-unmerged`, { reason: 'x'.repeat(2001) });
      expect(tooLong.status).toBe(400);

      // The full path to COMPLETED is core's delivery-flow test; this ticket was moved by dev-events, never started.
      const closed = await server.call('POST', `/api/tickets/${ref}/close-unmerged`, { reason: 'not needed' });
      expect(closed.status).toBe(200);
      expect(closed.json.status).toBe('CLEANING_ENV');
      const reports = await server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=merge_report`);
      expect(JSON.parse(reports.json[0].content)).toMatchObject({ outcome: 'closed_unmerged', reason: 'not needed' });
    });
  });

  describe('continue refusals (§4.4)', () => {
    it('answers 409 with the reason when the ticket is not blocked or its error has no agent session', async () => {
      const ref = await ticket('OTHR', 'Continue me');
      const draft = await server.call('POST', `/api/tickets/${ref}/continue`);
      expect409(draft, /Only blocked tickets can continue \(this one is DRAFT\)/);
      expect(draft.json.details.reason).toBe('not_blocked');

      await driveTo(ref, 'CODING'); // no CODING handler yet → BLOCKED_ERROR without any session
      const blocked = await waitFor(server, ref, 'BLOCKED_ERROR');
      expect(blocked.availableActions).toEqual(['retry', 'cancel']);
      const noSession = await server.call('POST', `/api/tickets/${ref}/continue`);
      expect409(noSession, /nothing to continue/);
      expect(noSession.json.details.reason).toBe('no_session');
      expect(await server.call('GET', `/api/tickets/${ref}`)).toMatchObject({ json: { status: 'BLOCKED_ERROR' } });
    });
  });
});

describe('continue with the real OpenCode binary', { timeout: 120_000 }, () => {
  let world: AgentWorld;
  beforeAll(async () => {
    world = await startAgentWorld({
      // A hanging provider becomes LoopTroop's session timeout; 20 s leaves the 400 answers time on a busy machine.
      profile: { councilResponseTimeout: 20, structuredRetryCount: 1 },
      scenario: {
        rules: [
          phaseRule('SCANNING_RELEVANT_FILES', { hang: true }, { marker: 'Hangs then continues' }),
          phaseRule('SCANNING_RELEVANT_FILES', { hang: true }, { marker: 'Session goes away' }),
          phaseRule(
            'SCANNING_RELEVANT_FILES',
            { httpError: { status: 400, body: JSON.stringify({ error: { message: 'invalid request: bad tools' } }) } },
            { marker: 'Bad request' },
          ),
        ],
      },
    });
  }, 120_000);
  afterAll(() => world.dispose());

  const call = (method: string, path: string, body?: unknown) => world.server.call(method, path, body);

  it('keeps the timed-out session, offers continue, and resumes the same attempt into the next phase', async () => {
    const [resumable, vanishing, badRequest] = await Promise.all([
      world.createTicket('Hangs then continues'),
      world.createTicket('Session goes away'),
      world.createTicket('Bad request'),
    ]);
    for (const ref of [resumable, vanishing, badRequest]) {
      expect((await call('POST', `/api/tickets/${ref}/start`)).status).toBe(200);
    }
    const blocked = await world.waitForStatus(resumable, 'BLOCKED_ERROR', 60_000);
    expect(blocked.availableActions).toEqual(['retry', 'continue', 'cancel']);
    const [occurrence] = await occurrencesOf(world.server, resumable);
    expect(occurrence?.diagnostics).toMatchObject({ failureKind: 'timeout', failureClass: 'session_timeout' });
    const sessionId = occurrence?.diagnostics?.sessionId;
    expect(sessionId).toMatch(/^ses/);

    // §4.4: the resumed prompt is exactly `continue please`, sent into the preserved session; only that answers.
    world.model.setScenario({
      rules: [
        { name: 'continued', match: { regex: '^continue please$' }, reply: replies.relevantFiles() },
        phaseRule('COUNCIL_DELIBERATING', { hang: true }),
      ],
    });
    const sentBefore = world.model.requests.length;
    const continued = await call('POST', `/api/tickets/${resumable}/continue`);
    expect(continued.status, JSON.stringify(continued.json)).toBe(200);
    expect(continued.json).toMatchObject({ status: 'SCANNING_RELEVANT_FILES', ticket: { errorMessage: null } });
    await world.waitForStatus(resumable, 'COUNCIL_DELIBERATING');
    const original = world.model.requests.find((r) => r.lastUser.includes('Hangs then continues'));
    expect(original?.sessionId).toBe(sessionId);
    const resumedScan = world.model.requests
      .slice(sentBefore)
      .filter((r) => r.sessionId === sessionId || r.userMessages.some(isScanOf('Hangs then continues')));
    expect(resumedScan.map((r) => [r.sessionId, r.rule, r.lastUser])).toEqual([
      [sessionId, 'continued', 'continue please'],
    ]);
    // the preserved session's history went with it: the original scan prompt, then `continue please`
    expect(resumedScan[0]?.userMessages).toHaveLength(2);
    expect(resumedScan[0]?.userMessages[0]).toContain('[[phase:SCANNING_RELEVANT_FILES]]');
    expect(await sessionState(world.server, String(sessionId))).toBe('completed');
    const attempts = await call('GET', `/api/tickets/${resumable}/phases/SCANNING_RELEVANT_FILES/attempts`);
    expect(attempts.json.map((a: Json) => [a.attemptNumber, a.state])).toEqual([[1, 'active']]);
    const scan = await call('GET', `/api/tickets/${resumable}/artifacts?artifactType=relevant_files`);
    expect(scan.json[0]).toMatchObject({ phaseAttempt: 1 });
    expect((await occurrencesOf(world.server, resumable))[0]?.resolution_status).toBe('CONTINUED');
    await call('POST', `/api/tickets/${resumable}/cancel`);

    // the second ticket's session is deleted in OpenCode: Continue answers 409 and the ticket stays blocked
    await world.waitForStatus(vanishing, 'BLOCKED_ERROR', 60_000);
    const [gone] = await occurrencesOf(world.server, vanishing);
    const goneId = String(gone?.diagnostics?.sessionId);
    const deleted = await fetch(`${world.opencode.url}/session/${goneId}`, { method: 'DELETE' });
    expect(deleted.ok).toBe(true);
    const refused = await call('POST', `/api/tickets/${vanishing}/continue`);
    expect409(refused, /no longer has session/);
    expect(refused.json.details).toMatchObject({ reason: 'session_missing', sessionId: goneId });
    expect((await call('GET', `/api/tickets/${vanishing}`)).json).toMatchObject({
      status: 'BLOCKED_ERROR',
      availableActions: ['retry', 'cancel'],
    });

    // a 400 from the provider is not continuable: not offered, and refused with its class
    const bad = await world.waitForStatus(badRequest, 'BLOCKED_ERROR', 60_000);
    expect(bad.availableActions).toEqual(['retry', 'cancel']);
    const [invalid] = await occurrencesOf(world.server, badRequest);
    expect(invalid?.diagnostics).toMatchObject({ failureKind: 'runtime', failureClass: 'invalid_request' });
    const notContinuable = await call('POST', `/api/tickets/${badRequest}/continue`);
    expect409(notContinuable, /invalid request failure cannot be continued/);
    expect(notContinuable.json.details.reason).toBe('not_continuable');
  });
});
