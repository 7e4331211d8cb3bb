import { expect } from 'vitest';

// The lifecycle of issue 15 driven the way a user's client drives it: REST calls only, every approval with the hash
// its review route served. Works against an in-process server and against the server as a child process alike.

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON fields and assert on them
export type Json = any;

export interface Rest {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }>;
}

/** A REST client on a base URL (`http://host:port`); a refused connection rejects (the server is down). */
export function restClient(baseUrl: () => string): Rest {
  return {
    async call(method, path, body) {
      const sendsJson = body !== undefined || ['POST', 'PUT', 'PATCH'].includes(method);
      const res = await fetch(`${baseUrl()}${path}`, {
        method,
        headers: sendsJson ? { 'content-type': 'application/json' } : {},
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let json: Json = text;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        // not JSON; keep the text
      }
      return { status: res.status, json };
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll the ticket until `done` holds; a BLOCKED_ERROR the caller did not ask for fails at once with its reason. */
export async function waitForTicket(
  rest: Rest,
  ref: string,
  done: (ticket: Json) => boolean,
  what: string,
  timeoutMs = 180_000,
): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  let last: Json = {};
  while (Date.now() < deadline) {
    last = (await rest.call('GET', `/api/tickets/${ref}`)).json;
    if (done(last)) return last;
    if (last.status === 'BLOCKED_ERROR' && what !== 'BLOCKED_ERROR') {
      throw new Error(`${ref} blocked while waiting for ${what}: ${last.errorCodes} ${last.errorMessage}`);
    }
    await sleep(150);
  }
  throw new Error(`${ref} did not reach ${what}; last: ${last.status} ${last.errorMessage ?? ''}`);
}

export const waitForStatus = (rest: Rest, ref: string, status: string, timeoutMs?: number) =>
  waitForTicket(rest, ref, (t) => t.status === status, status, timeoutMs);

async function waitForBatch(rest: Rest, ref: string, batchNumber: number) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const view = (await rest.call('GET', `/api/tickets/${ref}/interview`)).json;
    if (view.currentBatch?.batchNumber === batchNumber && view.session?.pendingAnswerIds.length === 0) return view;
    if (Date.now() > deadline) throw new Error(`no interview batch ${batchNumber} for ${ref}`);
    await sleep(150);
  }
}

async function approve(rest: Rest, ref: string, action: string, expectedContentSha256: string) {
  const r = await rest.call('POST', `/api/tickets/${ref}/${action}`, { expectedContentSha256 });
  expect(r.status, `${action}: ${JSON.stringify(r.json)}`).toBe(200);
  return r.json;
}

/**
 * DRAFT → WAITING_EXECUTION_SETUP_APPROVAL: the interview answered in two batches (batch 1 answered, the one
 * question of batch 2 skipped, LIFECYCLE_SKIPPED), then the interview, PRD and bead plan approved with the hashes
 * their review routes served.
 */
export async function driveToSetupApproval(rest: Rest, ref: string): Promise<void> {
  expect((await rest.call('POST', `/api/tickets/${ref}/start`)).status).toBe(200);
  await waitForBatch(rest, ref, 1);
  const first = await rest.call('POST', `/api/tickets/${ref}/answer-batch`, {
    answers: { Q01: 'Registered users of the sample app' },
    selectedOptions: { Q02: ['opt-password', 'opt-sso'] },
  });
  expect(first.status, JSON.stringify(first.json)).toBe(202);
  await waitForBatch(rest, ref, 2);
  const second = await rest.call('POST', `/api/tickets/${ref}/answer-batch`, {
    skipped: { Q03: 'decide in the PRD' },
  });
  expect(second.status, JSON.stringify(second.json)).toBe(202);
  await waitForStatus(rest, ref, 'WAITING_INTERVIEW_APPROVAL');
  const interview = (await rest.call('GET', `/api/tickets/${ref}/interview`)).json;
  await approve(rest, ref, 'approve-interview', interview.contentSha256);
  await waitForStatus(rest, ref, 'WAITING_PRD_APPROVAL');
  const prd = (await rest.call('GET', `/api/tickets/${ref}/review/prd`)).json;
  await approve(rest, ref, 'approve-prd', prd.contentSha256);
  await waitForStatus(rest, ref, 'WAITING_BEADS_APPROVAL');
  const beads = (await rest.call('GET', `/api/tickets/${ref}/review/beads`)).json;
  await approve(rest, ref, 'approve-beads', beads.contentSha256);
  await waitForStatus(rest, ref, 'WAITING_EXECUTION_SETUP_APPROVAL');
}

/** Approve the setup plan with the hash GET /execution-setup-plan served. */
export async function approveSetupPlan(rest: Rest, ref: string): Promise<void> {
  const plan = (await rest.call('GET', `/api/tickets/${ref}/execution-setup-plan`)).json;
  expect(plan).toMatchObject({ exists: true, canApprove: true });
  await approve(rest, ref, 'approve-execution-setup-plan', plan.contentSha256);
}

/** Wait for the agent's pending question (OpenCode's question tool) and answer it through the questions route. */
export async function answerAgentQuestion(rest: Rest, ref: string, question: string, answer: string): Promise<Json> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const pending = (await rest.call('GET', `/api/tickets/${ref}/opencode/questions`)).json as Json[];
    const asked = Array.isArray(pending)
      ? pending.find((q) => q.state === 'pending' && q.questions[0]?.question === question)
      : undefined;
    if (asked) {
      const reply = await rest.call('POST', `/api/tickets/${ref}/opencode/questions/${asked.requestId}/reply`, {
        answers: [[answer]],
      });
      expect(reply.json, JSON.stringify(reply.json)).toMatchObject({ success: true, state: 'replied' });
      return asked;
    }
    if (Date.now() > deadline) throw new Error(`no pending agent question for ${ref}`);
    await sleep(200);
  }
}
