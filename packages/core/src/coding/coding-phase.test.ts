import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
import { readCheckpoint } from './checkpoint.ts';

// workflow.md §10.6, the happy path: one bead per run of the handler, on a real git worktree with a bare origin and a
// real libSQL file. Only the agent runtime is a fake; its "agent" edits files in the worktree like a real one.

const start = useCodingHarnesses();

async function harness(
  agent: AgentTurn,
  plan = [bead('a', 1), bead('b', 2, { dependencies: { blocked_by: ['a'], blocks: [] } })],
) {
  const h = await start(plan, agent);
  return h;
}

describe('CODING: a bead that succeeds the first time', () => {
  it('commits the change, pushes it, marks the bead done and sends BEAD_COMPLETE with the counts', async () => {
    let worktree = '';
    const h = await harness(async (request) => {
      worktree = request.directory;
      await writeIn(request.directory, 'src/a.js', 'export const a = 1;\n');
      await writeIn(request.directory, '.ticket/scratch.txt', 'ticket-owned\n');
      await writeIn(request.directory, 'node_modules/dep/index.js', 'noise\n');
      return marker('a');
    });
    const outcome = await h.run();
    expect(outcome).toEqual({ event: 'BEAD_COMPLETE', context: { beadsCompleted: 1, beadsTotal: 2 } });
    expect(worktree).toBe(h.worktree);
    const [a, b] = await h.beads();
    expect(a).toMatchObject({ id: 'a', status: 'done', iteration: 1 });
    expect(a?.completedAt).toBeTruthy();
    expect(a?.startedAt).toBeTruthy();
    expect(b?.status).toBe('pending');
    // the commit holds the code only: not .ticket, not generated noise
    const files = h.git('show', '--name-only', '--format=', 'HEAD').split('\n');
    expect(files).toEqual(['src/a.js']);
    expect(h.git('log', '-1', '--format=%s')).toContain('Bead a');
    // pushed to the remote ticket branch as a backup
    const head = h.git('rev-parse', 'HEAD');
    expect(h.git('ls-remote', 'origin', 'refs/heads/APP-1').split('\t')[0]).toBe(head);
    // the bead's start commit is where it started, and the code-only diff is stored
    expect(a?.beadStartCommit).toBe(h.git('rev-parse', 'HEAD~1'));
    const diff = await h.deps.artifacts.latest(await h.ticket(), 'bead_diff:a');
    expect(diff?.content).toContain('+export const a = 1;');
    expect(diff?.content).not.toContain('.ticket');
    const checkpoint = await readCheckpoint(h.deps.artifacts, await h.ticket(), 'a');
    expect(checkpoint).toMatchObject({ beadId: 'a', iteration: 1, outcome: 'done', commit: head, sessionId: 'ses_1' });
    expect(checkpoint?.marker?.checks).toEqual({ tests: 'pass', lint: 'pass', typecheck: 'pass', qualitative: 'pass' });
    expect(await readFile(join(h.worktree, '.ticket/scratch.txt'), 'utf8')).toBe('ticket-owned\n');
  });

  it('keeps the ticket counters, the metrics row and the stream events current', async () => {
    const h = await harness(async (request) => {
      const id = /bead (\w+) \(iteration/.exec(request.text)?.[1] ?? request.text.match(/"id": "(\w+)"/)?.[1] ?? 'x';
      await writeIn(request.directory, `src/${id}.js`, `export const ${id} = 1;\n`);
      return marker(id);
    });
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE', context: { beadsCompleted: 1, beadsTotal: 2 } });
    expect(await h.ticket()).toMatchObject({ totalBeads: 2, currentBead: 1, percentComplete: 50 });
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE', context: { beadsCompleted: 2, beadsTotal: 2 } });
    expect(await h.ticket()).toMatchObject({ totalBeads: 2, currentBead: 2, percentComplete: 100 });
    const metrics = await h.metrics();
    expect(metrics.map((m) => [m.beadId, m.iterations])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(metrics.every((m) => m.wallClockMs >= m.activeDurationMs && m.activeDurationMs >= 0)).toBe(true);
    const complete = h.events.filter((e) => e.type === 'bead_complete').map((e) => e.data);
    expect(complete).toMatchObject([
      { beadId: 'a', title: 'Bead a', completed: 1, total: 2 },
      { beadId: 'b', title: 'Bead b', completed: 2, total: 2 },
    ]);
    const progress = h.events.filter((e) => e.type === 'progress').map((e) => e.data);
    expect(progress.map((p) => [p.phase, p.current, p.total])).toEqual([
      ['CODING', 1, 2],
      ['CODING', 1, 2],
      ['CODING', 2, 2],
      ['CODING', 2, 2],
    ]);
    // a third run finds every bead done
    expect(await h.run()).toEqual({ event: 'ALL_BEADS_DONE', context: { beadsCompleted: 2, beadsTotal: 2 } });
  });

  it('sends this bead only, its three note headings and the setup profile pointer, in a fresh titled session', async () => {
    const plan = [
      bead('a', 1, {
        failedIterationNotes: [{ timestamp: 't1', iteration: 1, content: 'FAILED-NOTE-TEXT' }],
        userRetryNotes: [{ timestamp: 't2', iteration: 1, content: 'USER-NOTE-TEXT' }],
        qaOrigin: { checklistItem: 'QA-7' },
      }),
      bead('secret', 2, { description: 'OTHER-BEAD-TEXT' }),
    ];
    const h = await harness(() => marker('a'), plan);
    await h.run();
    const [prompt] = h.prompts;
    expect(prompt?.text).toContain('Implement a.');
    expect(prompt?.text).not.toContain('OTHER-BEAD-TEXT');
    expect(prompt?.text).toContain('.ticket/runtime/execution-setup-profile.json');
    expect(prompt?.text).toMatch(/### Failed Iteration Notes\s+#### Iteration 1 \(t1\)\s+FAILED-NOTE-TEXT/);
    expect(prompt?.text).toMatch(/### User Retry Notes\s+#### Iteration 1 \(t2\)\s+USER-NOTE-TEXT/);
    expect(prompt?.text).toMatch(/### Finalization Failure Notes\s+\(none\)/);
    expect(prompt?.text).toContain('QA-7');
    expect(prompt?.tools).toMatchObject({ websearch: false, webfetch: false });
    expect(prompt?.model).toBe('p/alpha');
    expect(h.sessions).toEqual(['ses_1']);
    expect(h.titles.get('ses_1')).toBe('APP-1 · bead a (iteration 1)');
  });

  it('retries a session that cannot be created after 1, 3 and 7 s, then blocks', async () => {
    const waits: number[] = [];
    let calls = 0;
    const h = await start([bead('a', 1)], () => marker('a'), {
      createSession: async () => {
        calls++;
        if (calls < 4) throw new Error('connect ECONNREFUSED');
        return 'ses_late';
      },
    });
    h.deps.sleep = async (ms) => {
      waits.push(ms);
    };
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(waits).toEqual([1000, 3000, 7000]);
    waits.length = 0;
    const h2 = await start([bead('a', 1)], () => marker('a'), {
      createSession: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    h2.deps.sleep = async (ms) => {
      waits.push(ms);
    };
    await expect(h2.run()).rejects.toThrow('ECONNREFUSED');
    expect(waits).toEqual([1000, 3000, 7000]);
    const [stuck] = await h2.beads();
    expect(stuck?.status).toBe('in_progress');
  });

  it('stops the iteration deadline while the agent waits for the operator to answer its question', async () => {
    let current: CodingHarness | undefined;
    const h = await start([bead('a', 1)], async (r) => {
      const question = {
        requestId: 'que_1',
        sessionId: r.sessionId,
        questions: [{ question: 'Which port?', header: 'Port', options: [], multiple: false }],
      };
      current?.emit({ type: 'question_asked', sessionId: r.sessionId, question, directory: r.directory });
      // the operator takes longer than the whole iteration deadline to answer
      await new Promise((resolve) => setTimeout(resolve, 1600));
      current?.emit({ type: 'question_resolved', sessionId: r.sessionId, requestId: 'que_1', action: 'replied' });
      await writeIn(r.directory, 'src/a.js', 'export const port = 8080;\n');
      return marker('a');
    });
    current = h;
    expect(await h.run({ perIterationTimeout: 1 })).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.sessions).toEqual(['ses_1']);
    expect(h.events.some((e) => e.type === 'needs_input')).toBe(true);
  });

  it('commits a staged rename whole (the new path and the deleted old one) and an unstaged deletion', async () => {
    let current: CodingHarness | undefined;
    const h = await start([bead('a', 1)], () => {
      current?.git('mv', 'src/index.js', 'src/main.js');
      rmSync(join(current?.worktree ?? '', 'README.md'));
      return marker('a');
    });
    current = h;
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    const changes = h.git('show', '--name-status', '--format=', 'HEAD').split('\n');
    expect(changes).toContain('D\tREADME.md');
    expect(changes.some((c) => /^R\d*\tsrc\/index\.js\tsrc\/main\.js$/.test(c))).toBe(true);
    expect(h.git('status', '--porcelain', '--', '.', ':(exclude).ticket')).toBe('');
  });
});
