import { fakeArtifacts, fakeClock, fakeOpencode, type Reply, TICKET } from '@looptroop/testkit/fakes';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PhaseError } from '../lifecycle/phase.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import { type DraftRoundInput, runDrafts, validDrafts } from './drafter.ts';
import { DraftsRecord } from './schema.ts';
import { READ_ONLY_TOOLS } from './tools.ts';

const Questions = z.object({ questions: z.array(z.string()).min(1) });
type Questions = z.infer<typeof Questions>;

const MEMBERS = [
  { modelId: 'p/mai', variant: 'high' },
  { modelId: 'p/two', variant: null },
  { modelId: 'p/three', variant: null },
];
const valid = (...questions: string[]) => `questions:\n${questions.map((q) => `  - ${q}`).join('\n')}\n`;
const TYPE = 'interview_drafts';

function setup(script: Record<string, Reply[]>, override: Partial<DraftRoundInput<Questions>> = {}) {
  const clock = fakeClock();
  const opencode = fakeOpencode(script, clock);
  const artifacts = fakeArtifacts();
  const input: DraftRoundInput<Questions> = {
    ctx: { ticket: TICKET, phaseAttempt: 1, signal: new AbortController().signal },
    domain: 'interview',
    phase: 'COUNCIL_DELIBERATING',
    members: MEMBERS,
    buildPrompt: (member) => `Draft interview questions (you are ${member.modelId}).`,
    spec: { schema: Questions, rootKeys: ['questions'], formatReminder: 'YAML with a `questions` list.' },
    measure: (draft) => ({ questionCount: draft.questions.length }),
    minQuorum: 2,
    timeoutMs: 60_000,
    retries: 1,
    artifactType: TYPE,
    ...override,
  };
  const run = () => runDrafts({ opencode, artifacts, clock }, input);
  const stored = () => DraftsRecord.parse(artifacts.history(TYPE).at(-1));
  return { clock, opencode, artifacts, input, run, stored };
}

async function phaseErrorOf(promise: Promise<unknown>): Promise<PhaseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PhaseError)) throw new Error(`expected a PhaseError, got ${String(error)}`);
  return error;
}

describe('runDrafts', () => {
  it('runs every member in its own fresh, titled, read-only session and stores the valid drafts', async () => {
    const { run, opencode, stored } = setup({
      'p/mai': [valid('Who signs in?', 'Which providers?')],
      'p/two': [valid('What is out of scope?')],
      'p/three': [valid('How are errors shown?')],
    });
    const record = await run();
    expect(record.quorum?.met).toBe(true);
    expect(validDrafts(record).map((d) => [d.memberId, d.content.questions.length])).toEqual([
      ['p/mai', 2],
      ['p/two', 1],
      ['p/three', 1],
    ]);
    expect(record.members[0]).toMatchObject({ variant: 'high', metrics: { questionCount: 2 }, sessionIds: ['ses_1'] });
    expect(opencode.calls.map((c) => c.title)).toEqual([
      'AUTH-12 · interview draft · p/mai',
      'AUTH-12 · interview draft · p/two',
      'AUTH-12 · interview draft · p/three',
    ]);
    expect(opencode.calls.every((c) => c.continueSessionId === undefined && c.timeoutMs === 60_000)).toBe(true);
    expect(opencode.calls[0]?.tools).toEqual(READ_ONLY_TOOLS);
    expect(stored()).toEqual(JSON.parse(JSON.stringify(record)));
  });

  it('rewrites the drafts artifact as each member finishes, so finished drafts survive a restart', async () => {
    const { run, artifacts } = setup({
      'p/mai': [{ text: valid('a'), delayMs: 1 }],
      'p/two': [{ text: valid('b'), delayMs: 30 }],
      'p/three': [{ text: valid('c'), delayMs: 60 }],
    });
    await run();
    const statuses = artifacts.history(TYPE).map((r) => DraftsRecord.parse(r).members.map((m) => m.status));
    expect(statuses).toEqual([
      ['pending', 'pending', 'pending'],
      ['completed', 'pending', 'pending'],
      ['completed', 'completed', 'pending'],
      ['completed', 'completed', 'completed'],
      ['completed', 'completed', 'completed'],
    ]);
    expect(artifacts.writes.every((w) => w.replace)).toBe(true);
  });

  it('retries malformed output in a fresh session with the original prompt, the error and the rejected output', async () => {
    const { run, opencode } = setup({
      'p/mai': ['questions: []', valid('Who signs in?')],
      'p/two': [valid('b')],
      'p/three': [valid('c')],
    });
    const record = await run();
    const mai = record.members[0];
    expect(mai?.status).toBe('completed');
    expect(mai?.rawAttempts.map((a) => [a.attempt, a.stage, a.outcome])).toEqual([
      [1, 'initial', 'rejected'],
      [2, 'fresh', 'accepted'],
    ]);
    const retry = opencode.calls.filter((c) => c.model === 'p/mai')[1];
    expect(retry?.continueSessionId).toBeUndefined();
    expect(retry?.title).toBe('AUTH-12 · interview draft · p/mai · retry 1');
    expect(retry?.text).toContain('Draft interview questions (you are p/mai).');
    expect(retry?.text).toContain('questions: []');
    expect(mai?.rawAttempts[0]?.validationError).toBeTruthy();
    expect(mai?.usage).toMatchObject({ inputTokens: 200, outputTokens: 40 });
  });

  it('keeps going with one member timed out and records why', async () => {
    const { run, opencode } = setup({
      'p/mai': [valid('a')],
      'p/two': [new PromptFailure('timeout', 'p/two did not answer within 60 s', 'ses_x')],
      'p/three': [valid('c')],
    });
    const record = await run();
    expect(record.quorum).toMatchObject({ met: true, counted: 2 });
    expect(record.members[1]).toMatchObject({
      status: 'timed_out',
      error: 'p/two did not answer within 60 s',
      content: null,
    });
    expect(opencode.calls.filter((c) => c.model === 'p/two')).toHaveLength(1); // no retry after a timeout
  });

  it('blocks with QUORUM_NOT_MET and a per-member reason when 2 of 3 fail', async () => {
    const { run, stored } = setup({
      'p/mai': [valid('a')],
      'p/two': ['I think the questions should be about login.', 'Still prose.'],
      'p/three': [
        new PromptFailure('runtime', 'provider 503', null),
        new PromptFailure('runtime', 'provider 503', null),
      ],
    });
    const error = await phaseErrorOf(run());
    expect(error.codes).toEqual(['QUORUM_NOT_MET']);
    expect(error.message).toContain('Interview council drafting did not reach quorum: 1/3 drafts usable, 2 required');
    expect(error.diagnostics?.members).toEqual([
      { memberId: 'p/mai', status: 'completed', counts: true, reason: 'valid draft' },
      expect.objectContaining({ memberId: 'p/two', status: 'invalid_output', counts: false }),
      { memberId: 'p/three', status: 'failed', counts: false, reason: 'failed: provider 503' },
    ]);
    expect(stored().quorum?.met).toBe(false);
    expect(stored().members[1]?.rawAttempts.map((a) => a.rawResponse)).toEqual([
      'I think the questions should be about login.',
      'Still prose.',
    ]);
  });

  it('fails a member at once when no retries are allowed', async () => {
    const { run, opencode } = setup(
      { 'p/mai': [valid('a')], 'p/two': ['nope', valid('b')], 'p/three': [valid('c')] },
      { retries: 0 },
    );
    const record = await run();
    expect(record.members[1]?.status).toBe('invalid_output');
    expect(opencode.calls.filter((c) => c.model === 'p/two')).toHaveLength(1);
  });

  it('treats a length finish as truncation and retries with the original prompt only', async () => {
    const { run, opencode } = setup({
      'p/mai': [{ text: 'questions:', finish: 'length' }, valid('Who signs in?')],
      'p/two': [valid('b')],
      'p/three': [valid('c')],
    });
    const record = await run();
    const [first] = record.members[0]?.rawAttempts ?? [];
    expect(first).toMatchObject({ outcome: 'rejected', failureClass: 'truncated' });
    expect(first?.validationError).toMatch(/^output truncated \(finish reason = length\)/);
    expect(opencode.calls.filter((c) => c.model === 'p/mai')[1]?.text).toBe(
      'Draft interview questions (you are p/mai).',
    );
  });

  it('shares one deadline across retries: a member out of time is timed out without another call', async () => {
    const { run, opencode } = setup({
      'p/mai': [valid('a')],
      'p/two': [{ text: 'garbage', delayMs: 5, tookMs: 61_000 }, valid('b')],
      'p/three': [valid('c')],
    });
    const record = await run();
    expect(record.members[1]).toMatchObject({ status: 'timed_out', error: 'the council response budget ran out' });
    expect(opencode.calls.filter((c) => c.model === 'p/two')).toHaveLength(1);
  });

  it('on re-entry runs only the members without a completed draft', async () => {
    const first = setup({
      'p/mai': [valid('a')],
      'p/two': [
        new PromptFailure('runtime', 'socket hang up', null),
        new PromptFailure('runtime', 'socket hang up', null),
      ],
      'p/three': [{ text: valid('c'), delayMs: 1_000 }],
    });
    const controller = new AbortController();
    first.input.ctx = { ...first.input.ctx, signal: controller.signal };
    setTimeout(() => controller.abort(), 50); // the backend stops while p/three is still drafting
    await expect(first.run()).rejects.toMatchObject({ kind: 'aborted' });
    expect(first.stored().members.map((m) => m.status)).toEqual(['completed', 'failed', 'pending']);

    const opencode = fakeOpencode({ 'p/two': [valid('b')], 'p/three': [valid('c')] });
    const resumed = { ...first.input, ctx: { ...first.input.ctx, signal: new AbortController().signal } };
    const record = await runDrafts({ opencode, artifacts: first.artifacts, clock: first.clock }, resumed);
    expect(opencode.calls.map((c) => c.model)).toEqual(['p/two', 'p/three']);
    expect(record.members.map((m) => m.status)).toEqual(['completed', 'completed', 'completed']);
    expect(record.members[0]?.content).toEqual({ questions: ['a'] });
  });

  it('returns a finished round without asking anyone again', async () => {
    const first = setup({ 'p/mai': [valid('a')], 'p/two': [valid('b')], 'p/three': [valid('c')] });
    const record = await first.run();
    const opencode = fakeOpencode({});
    const again = await runDrafts({ opencode, artifacts: first.artifacts, clock: first.clock }, first.input);
    expect(opencode.calls).toHaveLength(0);
    expect(again).toEqual(JSON.parse(JSON.stringify(record)));
  });
});
