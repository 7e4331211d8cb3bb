import { fakeRuntime } from '@looptroop/testkit/fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentRuntime, PromptRequest, PromptResult } from '../src/opencode/client.ts';
import type { PromptRun } from '../src/opencode/service.ts';
import { insertSession, selectSession } from '../src/opencode/store.ts';
import { callStructured } from '../src/opencode/structured-call.ts';
import type { TicketRow } from '../src/tickets/store.ts';
import { type ScriptedEngine, startScriptedEngine } from './scripted-engine.ts';

// workflow.md §4.4, §15: which prompt resumes a preserved session after Continue. The real opencode service and
// structured call on a libSQL file; the runtime is an in-process recorder (which session, which text), the fast
// twin of the real-OpenCode test in packages/api/test/workflow-extra.test.ts.

const PHASE = 'SCANNING_RELEVANT_FILES';
const ORIGINAL = 'List the relevant files.';
const Answer = z.object({ files: z.array(z.string()) });
const spec = { schema: Answer, tag: 'RESULT', rootKeys: ['files'], formatReminder: 'files inside <RESULT> tags' };
const valid = '<RESULT>\nfiles:\n  - src/app.ts\n</RESULT>';

describe('the prompt after Continue', () => {
  let engine: ScriptedEngine;
  let ticket: TicketRow;
  const sent: { sessionId: string; text: string }[] = [];
  let created = 0;
  /** What the model does with each prompt, in order: answer text, or fail like a provider outage. */
  const replies: (string | Error)[] = [];

  const runtime: AgentRuntime = fakeRuntime({
    createSession: async () => `ses_fresh_${++created}`,
    async prompt(request: PromptRequest): Promise<PromptResult> {
      sent.push({ sessionId: request.sessionId, text: request.text });
      const reply = replies.shift() ?? '';
      if (reply instanceof Error) throw reply;
      const tokens = { input: 1, output: 1, reasoning: 0, cacheRead: 0, cacheWrite: 0 };
      return {
        messageId: `msg_${sent.length}`,
        text: reply,
        tokens,
        costUsd: 0,
        finish: 'stop',
        error: null,
        toolCalls: [],
      };
    },
  });

  beforeAll(async () => {
    engine = await startScriptedEngine([], { runtime });
    ticket = await engine.ticketIn(PHASE, 'DRAFT');
  });
  afterAll(() => engine.dispose());

  async function preserved(
    sessionId: string,
    fields: { state?: string; phase?: string; memberId?: string; step?: string } = {},
  ) {
    const now = new Date().toISOString();
    await insertSession(engine.core.db, {
      sessionId,
      ticketId: ticket.id,
      phase: fields.phase ?? PHASE,
      phaseAttempt: 1,
      memberId: fields.memberId ?? null,
      step: fields.step ?? 'scan',
      directory: ticket.worktreePath ?? '',
      state: fields.state ?? 'active',
      createdAt: now,
      updatedAt: now,
    });
    return { sessionId };
  }

  const run = (resume?: { sessionId: string }): PromptRun => ({
    ticket,
    phase: PHASE,
    phaseAttempt: 1,
    title: 'scan',
    model: 'p/alpha',
    text: ORIGINAL,
    timeoutMs: 5_000,
    signal: new AbortController().signal,
    ...(resume && { resume }),
  });

  const call = (resume?: { sessionId: string }) => callStructured(engine.core.services.opencode, run(resume), spec, 1);
  const reset = (...next: (string | Error)[]) => {
    sent.length = 0;
    replies.splice(0, replies.length, ...next);
  };

  it('sends exactly "continue please" into the preserved session and takes the answer from there', async () => {
    reset(valid);
    const result = await call(await preserved('ses_kept'));
    expect(result).toMatchObject({ ok: true, value: { files: ['src/app.ts'] }, outcome: { sessionId: 'ses_kept' } });
    expect(sent).toEqual([{ sessionId: 'ses_kept', text: 'continue please' }]);
    expect((await selectSession(engine.core.db, 'ses_kept'))?.state).toBe('completed');
  });

  it('opens a fresh session with the original prompt once the preserved one has answered', async () => {
    reset(valid);
    await call({ sessionId: 'ses_kept' }); // completed by the test above
    expect(sent).toEqual([{ sessionId: `ses_fresh_${created}`, text: ORIGINAL }]);
  });

  it("never resumes another phase's, council member's or step's session", async () => {
    reset(valid, valid, valid);
    const next = created + 1;
    await call(await preserved('ses_other_phase', { phase: 'COUNCIL_DELIBERATING' }));
    await call(await preserved('ses_member', { memberId: 'p/beta' }));
    // a coverage loop re-entered after its revision failed audits first: the audit must not get the revision's session
    await call(await preserved('ses_revision', { step: 'prd revision v2' }));
    expect(sent.map((s) => s.text)).toEqual([ORIGINAL, ORIGINAL, ORIGINAL]);
    expect(sent.map((s) => s.sessionId)).toEqual([0, 1, 2].map((i) => `ses_fresh_${next + i}`));
    expect((await selectSession(engine.core.db, 'ses_revision'))?.state).toBe('active');
  });

  it('records the call on the session it opens, so a later Continue can find its owner', async () => {
    reset(valid);
    await call();
    expect(await selectSession(engine.core.db, `ses_fresh_${created}`)).toMatchObject({ step: 'scan', phase: PHASE });
  });

  it('resumes on the first attempt only: a retry after the continued prompt failed starts fresh', async () => {
    reset(new Error('APIError: Service Unavailable (HTTP 503)'), valid);
    const result = await call(await preserved('ses_flaky'));
    expect(result.ok).toBe(true);
    expect(sent).toEqual([
      { sessionId: 'ses_flaky', text: 'continue please' },
      { sessionId: `ses_fresh_${created}`, text: ORIGINAL },
    ]);
    // still preserved (a failed prompt keeps its session); the runner closes it once the phase succeeds
    expect((await selectSession(engine.core.db, 'ses_flaky'))?.state).toBe('active');
  });

  it('repairs an invalid continued answer in the same session', async () => {
    reset('files: not-a-list', valid);
    const result = await call(await preserved('ses_repair'));
    expect(result.ok).toBe(true);
    expect(sent.map((s) => s.sessionId)).toEqual(['ses_repair', 'ses_repair']);
    expect(sent[0]?.text).toBe('continue please');
    expect(sent[1]?.text).not.toBe('continue please');
  });
});
