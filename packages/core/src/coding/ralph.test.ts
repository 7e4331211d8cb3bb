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
import { PhaseError } from '../lifecycle/phase.ts';
import type { PromptRequest } from '../opencode/client.ts';
import { BeadExecution, beadExecutionType } from './checkpoint.ts';

// workflow.md §10.6 steps 5–6 and "Ralph recovery": repair and keep-working reminders in the same session, the
// iteration deadline, the context-wipe note, the reset to the bead's start commit and the fresh session.
// Real git worktree and libSQL; only the agent runtime is a fake.

const start = useCodingHarnesses();

async function harness(agent: AgentTurn) {
  const h = await start([bead('a', 1)], agent);
  return h;
}

const isNote = (r: PromptRequest) => r.text.includes('context-wipe note');
const waitForAbort = (signal: AbortSignal | undefined) =>
  new Promise<never>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));

async function checkpoints(h: CodingHarness) {
  const versions = await h.deps.artifacts.list(await h.ticket(), { artifactType: beadExecutionType('a') });
  return versions.map((v) => BeadExecution.parse(JSON.parse(v.content)));
}

describe('CODING: reminders inside one iteration', () => {
  it('sends a repair reminder into the same session when the marker is missing', async () => {
    const h = await harness(async (r) => {
      if (r.turn === 1) {
        await writeIn(r.directory, 'src/a.js', 'export const a = 1;\n');
        return 'Finished the work.';
      }
      return marker('a');
    });
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.prompts.map((p) => p.sessionId)).toEqual(['ses_1', 'ses_1']);
    expect(h.prompts[1]?.text).toContain('could not be accepted');
    expect(h.prompts[1]?.text).toContain('<BEAD_STATUS>');
    expect((await h.beads())[0]).toMatchObject({ status: 'done', iteration: 1, failedIterationNotes: [] });
  });

  it('gives up on the marker after structuredRetryCount repairs and goes to Ralph as marker missing', async () => {
    const h = await harness((r) => (isNote(r) ? 'note' : r.turn <= 2 ? 'no marker here' : marker('a')));
    expect(await h.run({}, {})).toMatchObject({ event: 'BEAD_COMPLETE' });
    // turn 1 the work, turn 2 the one repair (structuredRetryCount 1), turn 3 the note, turn 4 the fresh iteration
    expect(h.prompts.map((p) => p.sessionId)).toEqual(['ses_1', 'ses_1', 'ses_1', 'ses_2']);
    const [a] = await h.beads();
    expect(a?.failedIterationNotes).toMatchObject([
      { iteration: 1, content: 'note', errorCode: 'BEAD_MARKER_MISSING' },
    ]);
    expect((await checkpoints(h)).map((c) => c.outcome)).toEqual(['marker_missing', 'done']);
  });

  it('sends a keep-working reminder for a valid marker that does not pass, bounded per iteration', async () => {
    const h = await harness((r) => (isNote(r) ? 'note' : marker('a', 'done', { lint: 'fail' })));
    await expect(h.run({ maxIterations: 1 })).rejects.toMatchObject({ codes: ['BEAD_RETRY_BUDGET_EXHAUSTED'] });
    const work = h.prompts.filter((p) => !isNote(p));
    // the first prompt plus structuredRetryCount + 1 = 2 reminders, all in the same session
    expect(work.map((p) => p.sessionId)).toEqual(['ses_1', 'ses_1', 'ses_1']);
    expect(work[1]?.text).toContain('does not pass yet');
    expect(work[1]?.text).toContain('lint');
    const [checkpoint] = await checkpoints(h);
    expect(checkpoint).toMatchObject({ outcome: 'not_passing', marker: { checks: { lint: 'fail' } } });
    expect(checkpoint?.turns).toHaveLength(3);
  });

  it('finishes when the agent passes after a keep-working reminder', async () => {
    const h = await harness((r) => (r.turn === 1 ? marker('a', 'error', { tests: 'fail' }) : marker('a')));
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.prompts[1]?.text).toContain('status is error');
    expect(h.sessions).toEqual(['ses_1']);
  });
});

describe('CODING: Ralph recovery', () => {
  it('turns an expired deadline into an iteration timeout, resets the edits and starts a fresh session', async () => {
    const seenAtStart: boolean[] = [];
    const h = await harness(async (r) => {
      if (isNote(r)) return 'NOTE: the loop never ended; add an exit condition.';
      seenAtStart.push(existsSync(join(r.directory, 'src/first-try.js')));
      if (r.sessionId === 'ses_1') {
        await writeIn(r.directory, 'src/first-try.js', 'while (true) {}\n');
        await writeIn(r.directory, 'README.md', 'changed by the first try\n');
        return waitForAbort(r.signal);
      }
      await writeIn(r.directory, 'src/a.js', 'export const a = 1;\n');
      return marker('a');
    });
    const started = h.git('rev-parse', 'HEAD');
    expect(await h.run({ perIterationTimeout: 1 })).toMatchObject({ event: 'BEAD_COMPLETE' });
    // the second iteration started from the bead's start commit: the first try's edits were gone
    expect(seenAtStart).toEqual([false, false]);
    expect(h.git('show', '--name-only', '--format=', 'HEAD').split('\n')).toEqual(['src/a.js']);
    expect(h.git('rev-parse', 'HEAD~1')).toBe(started);
    const [a] = await h.beads();
    expect(a).toMatchObject({ status: 'done', iteration: 2 });
    expect(a?.failedIterationNotes).toMatchObject([
      {
        iteration: 1,
        content: 'NOTE: the loop never ended; add an exit condition.',
        errorCode: 'BEAD_ITERATION_TIMEOUT',
      },
    ]);
    // the note was asked in the failing session with tools off; the retry got a fresh session and saw the note
    const note = h.prompts.find(isNote);
    expect(note?.sessionId).toBe('ses_1');
    expect(note?.tools).toEqual({ '*': false });
    const retry = h.prompts.at(-1);
    expect(retry?.sessionId).toBe('ses_2');
    expect(retry?.text).toContain('NOTE: the loop never ended');
    expect(await h.sessionState('ses_1')).toBe('abandoned');
    const logs = h.events.filter((e) => e.type === 'log').map((e) => String(e.data.message));
    expect(logs).toContain(
      'Bead a: iteration 1 of 5 failed (BEAD_ITERATION_TIMEOUT); the next iteration starts in a fresh session',
    );
    expect((await checkpoints(h)).map((c) => [c.iteration, c.outcome])).toEqual([
      [1, 'iteration_timeout'],
      [2, 'done'],
    ]);
  });

  it('ignores a passing answer that arrives after the deadline: late output never finalizes the bead', async () => {
    const h = await harness(async (r) => {
      if (isNote(r)) throw new Error('the note fails too');
      await writeIn(r.directory, 'src/late.js', 'export const late = 1;\n');
      // a runtime that ignores the abort and answers late
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return marker('a');
    });
    const head = h.git('rev-parse', 'HEAD');
    await expect(h.run({ perIterationTimeout: 1, maxIterations: 1 })).rejects.toMatchObject({
      codes: ['BEAD_RETRY_BUDGET_EXHAUSTED'],
    });
    expect(h.git('rev-parse', 'HEAD')).toBe(head);
    expect(existsSync(join(h.worktree, 'src/late.js'))).toBe(false);
    const [a] = await h.beads();
    expect(a?.status).toBe('error');
    // the fallback note, built from the recorded errors and the truncated last output
    expect(a?.failedIterationNotes[0]?.errorCode).toBe('BEAD_ITERATION_TIMEOUT');
    expect(a?.failedIterationNotes[0]?.content).toContain('arrived after the 1 s iteration deadline');
    expect(a?.failedIterationNotes[0]?.content).toContain('<BEAD_STATUS>');
    expect((await checkpoints(h)).map((c) => c.outcome)).toEqual(['iteration_timeout']);
    expect(h.events.some((e) => e.type === 'bead_complete')).toBe(false);
  });

  it('marks the bead error and blocks with BEAD_RETRY_BUDGET_EXHAUSTED once maxIterations fresh sessions failed', async () => {
    const h = await harness((r) => (isNote(r) ? `note ${r.sessionId}` : 'nothing'));
    const error = await h.run({ maxIterations: 3 }, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhaseError);
    expect(error).toMatchObject({
      codes: ['BEAD_RETRY_BUDGET_EXHAUSTED'],
      diagnostics: { beadId: 'a', iterations: 3 },
    });
    expect(h.sessions).toEqual(['ses_1', 'ses_2', 'ses_3']);
    const [a] = await h.beads();
    expect(a).toMatchObject({ status: 'error', iteration: 4 });
    expect(a?.failedIterationNotes.map((n) => [n.iteration, n.content])).toEqual([
      [1, 'note ses_1'],
      [2, 'note ses_2'],
      [3, 'note ses_3'],
    ]);
    expect(await h.ticket()).toMatchObject({ currentBead: 0, totalBeads: 1, percentComplete: 0 });
  });
});
