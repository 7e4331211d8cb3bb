import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AgentTurn,
  bead,
  type CodingHarness,
  marker,
  useCodingHarnesses,
  writeIn,
} from '../../test/coding-harness.ts';
import { updateBeads } from './bead-records.ts';
import { type BeadExecution, readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { resetBeadForRetry } from './retry.ts';

// workflow.md §10.6 "Restart recovery" of an in_progress bead, and §4.4 RETRY in CODING (with and without a note).
// Real git worktree and libSQL; only the agent runtime is a fake.

const start = useCodingHarnesses();

async function harness(agent: AgentTurn = () => marker('a')) {
  const h = await start([bead('a', 1)], agent);
  return h;
}

/** The state a crash leaves: bead a in_progress from HEAD, the agent's edit in the worktree. */
async function interrupted(h: CodingHarness, values: { beadStartCommit?: string | null } = {}) {
  const start = h.git('rev-parse', 'HEAD');
  const [a] = await updateBeads(h.deps.artifacts, await h.ticket(), 'a', (b) => ({
    ...b,
    status: 'in_progress',
    startedAt: '2026-01-02T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    beadStartCommit: values.beadStartCommit === undefined ? start : values.beadStartCommit,
  }));
  await writeIn(h.worktree, 'src/a.js', 'export const a = "from the interrupted iteration";\n');
  if (!a) throw new Error('no bead');
  const checkpoint: BeadExecution = {
    beadId: 'a',
    iteration: 1,
    startedAt: a.startedAt,
    updatedAt: a.updatedAt,
    beadStartCommit: a.beadStartCommit,
    sessionId: 'ses_old',
    outcome: 'done',
    marker: {
      bead_id: 'a',
      status: 'done',
      checks: { tests: 'pass', lint: 'pass', typecheck: 'pass', qualitative: 'pass' },
    },
    turns: [{ prompt: 'p', output: marker('a') }],
    errors: [],
    commit: null,
  };
  return { start, bead: a, checkpoint };
}

describe('CODING: restart recovery of an in_progress bead', () => {
  it('finalizes from a checkpoint that matches the bead exactly, without asking the model again', async () => {
    const h = await harness();
    const { start, checkpoint } = await interrupted(h);
    await writeCheckpoint(h.deps.artifacts, await h.ticket(), checkpoint);
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.prompts).toHaveLength(0);
    expect(h.git('rev-parse', 'HEAD~1')).toBe(start);
    expect(h.git('show', 'HEAD:src/a.js')).toContain('from the interrupted iteration');
    expect((await h.beads())[0]).toMatchObject({ status: 'done', iteration: 1 });
  });

  it('finalizes idempotently when the bead commit was already made before the restart', async () => {
    const h = await harness();
    const { start, checkpoint } = await interrupted(h);
    await writeCheckpoint(h.deps.artifacts, await h.ticket(), checkpoint);
    h.git('add', 'src/a.js');
    h.git('commit', '-q', '-m', 'the bead commit made just before the crash');
    const made = h.git('rev-parse', 'HEAD');
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.git('rev-parse', 'HEAD')).toBe(made);
    expect(h.git('rev-parse', 'HEAD~1')).toBe(start);
    expect(h.git('ls-remote', 'origin', 'refs/heads/APP-1').split('\t')[0]).toBe(made);
    expect((await readCheckpoint(h.deps.artifacts, await h.ticket(), 'a'))?.commit).toBe(made);
    expect((await h.deps.artifacts.latest(await h.ticket(), 'bead_diff:a'))?.content).toContain(
      'interrupted iteration',
    );
  });

  it.each([
    ['another iteration', { iteration: 2 }],
    ['another updatedAt', { updatedAt: '2026-01-02T00:00:01.000Z' }],
    ['another startedAt', { startedAt: '2026-01-01T23:59:59.000Z' }],
    ['another start commit', { beadStartCommit: '0000000000000000000000000000000000000000' }],
    ['a failed outcome', { outcome: 'iteration_timeout' as const }],
  ])('does not trust a checkpoint with %s: note, reset, next iteration in a fresh session', async (_name, change) => {
    const seen: boolean[] = [];
    const h = await harness(async (r) => {
      seen.push(existsSync(join(r.directory, 'src/a.js')));
      await writeIn(r.directory, 'src/a.js', 'export const a = "fresh";\n');
      return marker('a');
    });
    const { checkpoint } = await interrupted(h);
    await writeCheckpoint(h.deps.artifacts, await h.ticket(), { ...checkpoint, ...change });
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(seen).toEqual([false]);
    expect(h.git('show', 'HEAD:src/a.js')).toContain('fresh');
    const [a] = await h.beads();
    expect(a).toMatchObject({ status: 'done', iteration: 2 });
    expect(a?.failedIterationNotes).toMatchObject([{ iteration: 1, errorCode: 'BEAD_ITERATION_INTERRUPTED' }]);
    expect(a?.failedIterationNotes[0]?.content).toContain('interrupted');
  });

  it('starts over from the start commit when there is no checkpoint at all', async () => {
    const h = await harness();
    await interrupted(h);
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.prompts).toHaveLength(1);
    expect(existsSync(join(h.worktree, 'src/a.js'))).toBe(false);
    expect((await h.beads())[0]?.iteration).toBe(2);
  });

  it.each([
    ['no recorded start commit', null],
    ['a start commit git does not know', 'ffffffffffffffffffffffffffffffffffffffff'],
  ])('blocks when the worktree cannot be trusted: %s', async (_name, beadStartCommit) => {
    const h = await harness();
    await interrupted(h, { beadStartCommit });
    await expect(h.run()).rejects.toMatchObject({ codes: ['CODING_FAILED', 'WORKTREE_UNTRUSTED'] });
    expect(h.prompts).toHaveLength(0);
    expect((await h.beads())[0]?.status).toBe('in_progress');
  });
});

describe('CODING: Retry from BLOCKED_ERROR', () => {
  async function failedBead(h: CodingHarness) {
    const { start } = await interrupted(h);
    await updateBeads(h.deps.artifacts, await h.ticket(), 'a', (b) => ({ ...b, status: 'error', iteration: 6 }));
    return start;
  }

  it('resets the same bead to its start commit, makes it pending and keeps the user note byte-exact', async () => {
    const h = await harness();
    const start = await failedBead(h);
    const note = '  Use the existing helper in src/util.js — not a new one.\n\n(tabs\there)  ';
    await resetBeadForRetry(h.deps, await h.ticket(), note);
    expect(existsSync(join(h.worktree, 'src/a.js'))).toBe(false);
    expect(h.git('rev-parse', 'HEAD')).toBe(start);
    const [a] = await h.beads();
    expect(a).toMatchObject({ status: 'pending', iteration: 1 });
    expect(a?.userRetryNotes).toEqual([{ timestamp: expect.any(String), iteration: 6, content: note }]);
    // the next run starts the bead fresh and the agent reads the note under its heading
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.prompts[0]?.text).toContain(`### User Retry Notes\n\n#### Iteration 6`);
    expect(h.prompts[0]?.text).toContain(note);
  });

  it('refuses a note, changing nothing, when the bead cannot be reset safely', async () => {
    const h = await harness();
    await interrupted(h, { beadStartCommit: null });
    await updateBeads(h.deps.artifacts, await h.ticket(), 'a', (b) => ({ ...b, status: 'error' }));
    const before = await h.beads();
    await expect(resetBeadForRetry(h.deps, await h.ticket(), 'a note')).rejects.toMatchObject({ kind: 'conflict' });
    expect(await h.beads()).toEqual(before);
    expect(existsSync(join(h.worktree, 'src/a.js'))).toBe(true);
  });

  it('resets a plain retry too, without a note', async () => {
    const h = await harness();
    await failedBead(h);
    await resetBeadForRetry(h.deps, await h.ticket());
    expect(existsSync(join(h.worktree, 'src/a.js'))).toBe(false);
    expect((await h.beads())[0]).toMatchObject({ status: 'pending', userRetryNotes: [] });
  });
});
