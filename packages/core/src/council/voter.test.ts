import { fakeArtifacts, fakeClock, fakeOpencode, type Reply, TICKET } from '@looptroop/testkit/fakes';
import { describe, expect, it } from 'vitest';
import { PhaseError } from '../lifecycle/phase.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import type { PromptRun } from '../opencode/service.ts';
import { presentDrafts } from './presentation.ts';
import { RUBRICS } from './rubrics.ts';
import { type MemberStatus, type TypedDraftsRecord, VotesRecord } from './schema.ts';
import { DISABLED_TOOLS } from './tools.ts';
import { runVotes, type VoteRoundInput } from './voter.ts';

interface Draft {
  author: string;
}
const COUNCIL = ['p/mai', 'p/two', 'p/three'];
const MEMBERS = COUNCIL.map((modelId) => ({ modelId, variant: null }));
const TYPE = 'interview_votes';
const CATEGORIES = RUBRICS.interview.map((c) => c.name);

function draftsRecord(statuses: Record<string, MemberStatus>): TypedDraftsRecord<Draft> {
  return {
    schemaVersion: 1,
    domain: 'interview',
    phase: 'COUNCIL_DELIBERATING',
    phaseAttempt: 1,
    minQuorum: 2,
    quorum: null,
    members: COUNCIL.map((memberId) => ({
      memberId,
      variant: null,
      status: statuses[memberId] ?? 'completed',
      startedAt: null,
      finishedAt: null,
      durationMs: 10,
      error: statuses[memberId] === 'timed_out' ? `${memberId} did not answer within 60 s` : null,
      failureClass: null,
      sessionIds: [],
      rawAttempts: [],
      warnings: [],
      repaired: false,
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, promptChars: 0 },
      content: (statuses[memberId] ?? 'completed') === 'completed' ? { author: memberId } : null,
      metrics: {},
      steeredByOperator: false,
    })),
  };
}

/** A voter that reads the labelled drafts from its prompt and scores each author from a table (total / 5 per category). */
const scoreBy =
  (totals: Record<string, number>, delayMs = 0): Reply =>
  (run: PromptRun) => {
    const drafts = [...run.text.matchAll(/^(Draft \d+): AUTHOR=(\S+)$/gm)];
    const yaml = drafts.map(([, label, author]) => {
      const total = totals[author ?? ''] ?? 0;
      return [`  ${label}:`, ...CATEGORIES.map((c) => `    ${c}: ${total / 5}`), `    total_score: ${total}`].join(
        '\n',
      );
    });
    return { text: `draft_scores:\n${yaml.join('\n')}\n`, delayMs };
  };

function setup(
  script: Record<string, Reply[]>,
  drafts = draftsRecord({}),
  override: Partial<VoteRoundInput<Draft>> = {},
) {
  const clock = fakeClock();
  const opencode = fakeOpencode(script, clock);
  const artifacts = fakeArtifacts();
  const seeds = COUNCIL.map((id) => `seed-${id}`);
  const prompts: string[] = [];
  const input: VoteRoundInput<Draft> = {
    ctx: { ticket: TICKET, phaseAttempt: 1, signal: new AbortController().signal },
    domain: 'interview',
    phase: 'COUNCIL_VOTING_INTERVIEW',
    members: MEMBERS,
    drafts,
    renderDraft: (draft) => `AUTHOR=${draft.author}`,
    buildPrompt: (_voter, labelled) => {
      const text = labelled.map((d) => `${d.label}: ${d.text}`).join('\n');
      prompts.push(text);
      return text;
    },
    minQuorum: 2,
    timeoutMs: 60_000,
    retries: 1,
    artifactType: TYPE,
    ...override,
  };
  const deps = { opencode, artifacts, clock, newSeed: () => seeds.shift() ?? 'seed-extra' };
  const run = () => runVotes(deps, input);
  const stored = () => VotesRecord.parse(artifacts.history(TYPE).at(-1));
  return { run, opencode, artifacts, stored, input, clock, prompts };
}

async function phaseErrorOf(promise: Promise<unknown>): Promise<PhaseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PhaseError)) throw new Error(`expected a PhaseError, got ${String(error)}`);
  return error;
}

const TABLE: Record<string, number> = { 'p/mai': 60, 'p/two': 80, 'p/three': 70 };

describe('runVotes', () => {
  it('has every member score the anonymized drafts with tools disabled and maps scores back to authors', async () => {
    const { run, opencode, stored } = setup({
      'p/mai': [scoreBy(TABLE)],
      'p/two': [scoreBy(TABLE)],
      'p/three': [scoreBy(TABLE)],
    });
    const { record, result } = await run();
    expect(result.winnerId).toBe('p/two');
    expect(result.totals.map((t) => [t.memberId, t.totalScore, t.voteCount])).toEqual([
      ['p/two', 240, 3],
      ['p/three', 210, 3],
      ['p/mai', 180, 3],
    ]);
    expect(result.degraded).toBe(false);
    expect(opencode.calls.every((c) => JSON.stringify(c.tools) === JSON.stringify(DISABLED_TOOLS))).toBe(true);
    expect(opencode.calls.map((c) => c.title)).toContain('AUTH-12 · interview vote · p/three');
    for (const voter of record.voters) {
      expect(voter.status).toBe('completed');
      expect(presentDrafts(COUNCIL, voter.presentation.seed).order).toEqual(voter.presentation.order); // replayable
      for (const vote of voter.votes) expect(vote.totalScore).toBe(TABLE[vote.draftMemberId]);
    }
    expect(stored()).toEqual(JSON.parse(JSON.stringify(record)));
  });

  it('never shows a voter who wrote which draft', async () => {
    const { run, prompts } = setup(
      { 'p/mai': [scoreBy(TABLE)], 'p/two': [scoreBy(TABLE)], 'p/three': [scoreBy(TABLE)] },
      draftsRecord({}),
      {
        renderDraft: () => 'a draft',
      },
    );
    await run().catch(() => undefined);
    for (const prompt of prompts) for (const id of COUNCIL) expect(prompt).not.toContain(id);
  });

  it('reaches quorum with one member timed out and marks the result degraded', async () => {
    const drafts = draftsRecord({ 'p/three': 'timed_out' });
    const { run, opencode } = setup(
      {
        'p/mai': [scoreBy(TABLE)],
        'p/two': [scoreBy(TABLE)],
        'p/three': [new PromptFailure('timeout', 'p/three did not answer within 60 s', 'ses_9')],
      },
      drafts,
    );
    const { record, result } = await run();
    expect(record.draftMemberIds).toEqual(['p/mai', 'p/two']);
    expect(opencode.calls.map((c) => c.model).sort()).toEqual([...COUNCIL].sort()); // p/three still votes
    expect(result).toMatchObject({ winnerId: 'p/two', degraded: true });
    expect(result.issues).toEqual([
      { memberId: 'p/three', step: 'draft', outcome: 'timed_out', error: 'p/three did not answer within 60 s' },
      { memberId: 'p/three', step: 'vote', outcome: 'timed_out', error: 'p/three did not answer within 60 s' },
    ]);
  });

  it('picks the same winner whatever order the votes arrive in', async () => {
    const tie = { 'p/mai': 70, 'p/two': 80, 'p/three': 80 };
    const fast = setup({ 'p/mai': [scoreBy(tie, 1)], 'p/two': [scoreBy(tie, 20)], 'p/three': [scoreBy(tie, 40)] });
    const slow = setup({ 'p/mai': [scoreBy(tie, 40)], 'p/two': [scoreBy(tie, 20)], 'p/three': [scoreBy(tie, 1)] });
    const [a, b] = await Promise.all([fast.run(), slow.run()]);
    expect(a.result).toEqual(b.result);
    expect(a.result).toMatchObject({ winnerId: 'p/two', tiedWith: ['p/three'] });
  });

  it('gives a tie to the main implementer', async () => {
    const tie = { 'p/mai': 80, 'p/two': 80, 'p/three': 60 };
    const { run } = setup({ 'p/mai': [scoreBy(tie)], 'p/two': [scoreBy(tie)], 'p/three': [scoreBy(tie)] });
    expect((await run()).result).toMatchObject({ winnerId: 'p/mai', tiedWith: ['p/two'] });
  });

  it('retries a malformed scorecard and accepts a normalized one with warnings', async () => {
    const labels = (run: PromptRun) => [...run.text.matchAll(/^(Draft \d+):/gm)].map(([, l]) => l ?? '');
    const loose: Reply = (run) => ({
      text: `draft_scores:\n${labels(run)
        .map((l) => `  ${l.replace(' ', '').toLowerCase()}:\n    Coverage of requirements: 10\n    total_score: 99`)
        .join('\n')}\n`,
    });
    const { run, opencode } = setup({
      'p/mai': ['The best draft is Draft 2.', loose],
      'p/two': [scoreBy(TABLE)],
      'p/three': [scoreBy(TABLE)],
    });
    const { record } = await run();
    const mai = record.voters[0];
    expect(mai?.status).toBe('completed');
    expect(mai?.votes.every((v) => v.totalScore === 10)).toBe(true);
    expect(mai?.warnings).toContainEqual(
      expect.objectContaining({ rule: 'vote_scorecard', detail: 'Draft 1: total_score 99 recomputed as 10' }),
    );
    const retry = opencode.calls.filter((c) => c.model === 'p/mai')[1];
    expect(retry?.continueSessionId).toBeUndefined();
    expect(retry?.text).toContain('The best draft is Draft 2.');
  });

  it('blocks with QUORUM_NOT_MET when too few voters complete', async () => {
    const { run, stored } = setup({
      'p/mai': [scoreBy(TABLE)],
      'p/two': ['no idea', 'still no idea'],
      'p/three': [
        new PromptFailure('runtime', 'rate limited', null),
        new PromptFailure('runtime', 'rate limited', null),
      ],
    });
    const error = await phaseErrorOf(run());
    expect(error.codes).toEqual(['QUORUM_NOT_MET']);
    expect(error.message).toContain('Interview council vote did not reach quorum: 1/3 voters usable, 2 required');
    expect(error.diagnostics?.members).toEqual([
      expect.objectContaining({ memberId: 'p/mai', counts: true }),
      expect.objectContaining({ memberId: 'p/two', status: 'invalid_output', counts: false }),
      expect.objectContaining({ memberId: 'p/three', status: 'failed', reason: 'failed: rate limited' }),
    ]);
    expect(stored().result).toBeNull();
  });

  it('blocks when no draft is valid', async () => {
    const { run, opencode } = setup({}, draftsRecord({ 'p/mai': 'failed', 'p/two': 'failed', 'p/three': 'failed' }));
    expect((await phaseErrorOf(run())).codes).toEqual(['QUORUM_NOT_MET']);
    expect(opencode.calls).toHaveLength(0);
  });

  it('on re-entry asks only unfinished voters, in the order they were first shown', async () => {
    const first = setup({
      'p/mai': [scoreBy(TABLE)],
      'p/two': [{ text: 'draft_scores: {}', delayMs: 1_000 }],
      'p/three': [{ text: 'draft_scores: {}', delayMs: 1_000 }],
    });
    const controller = new AbortController();
    first.input.ctx = { ...first.input.ctx, signal: controller.signal };
    setTimeout(() => controller.abort(), 50);
    await expect(first.run()).rejects.toMatchObject({ kind: 'aborted' });
    const interrupted = first.stored();
    expect(interrupted.voters.map((v) => v.status)).toEqual(['completed', 'pending', 'pending']);

    const opencode = fakeOpencode({ 'p/two': [scoreBy(TABLE)], 'p/three': [scoreBy(TABLE)] });
    const deps = { opencode, artifacts: first.artifacts, clock: first.clock, newSeed: () => 'never-used' };
    const resumed = { ...first.input, ctx: { ...first.input.ctx, signal: new AbortController().signal } };
    const { record, result } = await runVotes(deps, resumed);
    expect(opencode.calls.map((c) => c.model)).toEqual(['p/two', 'p/three']);
    expect(record.voters.map((v) => v.presentation)).toEqual(interrupted.voters.map((v) => v.presentation));
    expect(result.winnerId).toBe('p/two');

    const again = fakeOpencode({});
    await runVotes({ ...deps, opencode: again }, resumed);
    expect(again.calls).toHaveLength(0);
  });
});
