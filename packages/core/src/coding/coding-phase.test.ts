import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentTurn, bead, type CodingHarness, marker, startCodingHarness } from '../../test/coding-harness.ts';
import { readCheckpoint } from './checkpoint.ts';

// workflow.md §10.6, the happy path: one bead per run of the handler, on a real git worktree with a bare origin and a
// real libSQL file. Only the agent runtime is a fake; its "agent" edits files in the worktree like a real one.

const harnesses: CodingHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function harness(
  agent: AgentTurn,
  plan = [bead('a', 1), bead('b', 2, { dependencies: { blocked_by: ['a'], blocks: [] } })],
) {
  const h = await startCodingHarness(plan, { current: agent });
  harnesses.push(h);
  return h;
}

const write = async (root: string, path: string, content: string) => {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
};

describe('CODING: a bead that succeeds the first time', () => {
  it('commits the change, pushes it, marks the bead done and sends BEAD_COMPLETE with the counts', async () => {
    let worktree = '';
    const h = await harness(async (request) => {
      worktree = request.directory;
      await write(request.directory, 'src/a.js', 'export const a = 1;\n');
      await write(request.directory, '.ticket/scratch.txt', 'ticket-owned\n');
      await write(request.directory, 'node_modules/dep/index.js', 'noise\n');
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
      await write(request.directory, `src/${id}.js`, `export const ${id} = 1;\n`);
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
  });
});
