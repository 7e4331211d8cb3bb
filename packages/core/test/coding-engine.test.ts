import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTempDir, createTempRepo } from '@looptroop/testkit';
import { fakeRuntime } from '@looptroop/testkit/fakes';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlan, writePlan } from '../src/beads/plan-store.ts';
import { loadConfig } from '../src/config.ts';
import { type Core, createCore } from '../src/context.ts';
import { tickets } from '../src/db/schema.ts';
import type { PromptRequest } from '../src/opencode/client.ts';
import { ProjectOverrides } from '../src/projects/schema.ts';
import { lockSettings } from '../src/workflow/settings.ts';
import { bead, marker } from './coding-harness.ts';

// CODING inside the real engine (createCore: the real phase registry, runner, workflow service and event bus on a
// real libSQL file, a real git repository with a bare origin): the bead loop runs bead after bead and leaves CODING
// once all are done; a bead out of budget blocks, and "Retry with extra note…" resets it and runs it again.
// Only the agent runtime is a fake whose "agent" edits files in the worktree.

describe('CODING in the engine', () => {
  let core: Core;
  let cleanup: () => Promise<void>;
  let agent: (r: PromptRequest) => Promise<string> | string = () => 'unused';
  let projectId = 0;
  let repoDir = '';

  beforeAll(async () => {
    const repo = await createTempRepo();
    const data = await createTempDir('lt-coding-engine-');
    repoDir = repo.dir;
    let sessions = 0;
    core = await createCore(loadConfig({ LOOPTROOP_HOME: data.dir, NODE_ENV: 'test' }), {
      runtime: fakeRuntime({
        createSession: async () => `ses_${++sessions}`,
        getSession: async () => true,
        prompt: async (request) => ({
          messageId: `msg_${sessions}`,
          text: await agent(request),
          tokens: { input: 1, output: 1, reasoning: 0, cacheRead: 0, cacheWrite: 0 },
          costUsd: 0,
          finish: 'stop',
          error: null,
          toolCalls: [],
        }),
      }),
    });
    const s = core.services;
    await s.profile.create({ mainImplementer: 'p/alpha', councilMembers: ['p/alpha', 'p/beta'] });
    projectId = (await s.projects.attach({ name: 'App', shortname: 'APP', folderPath: repo.dir })).id;
    cleanup = async () => {
      await core.close();
      await repo.cleanup();
      await data.cleanup();
    };
  });
  afterAll(() => cleanup());

  /** A started ticket that just entered CODING with an approved two-bead plan and its worktree on its branch. */
  async function codingTicket(settings: { maxIterations?: number } = {}) {
    const s = core.services;
    const created = await s.tickets.create({ projectId, title: 'Add the feature' });
    const row = await s.tickets.resolve(created.id);
    const worktree = join(repoDir, '.looptroop', 'worktrees', created.id);
    execFileSync('git', ['worktree', 'add', '-q', '-b', created.id, worktree, 'main'], { cwd: repoDir });
    const profile = await s.profile.settings();
    if (!profile) throw new Error('no profile');
    if (settings.maxIterations !== undefined) await s.profile.update({ maxIterations: settings.maxIterations });
    const overrides = ProjectOverrides.parse((await s.projects.row(projectId)).overrides);
    await core.db
      .update(tickets)
      .set({
        status: 'CODING',
        previousStatus: 'PREPARING_EXECUTION_ENV',
        worktreePath: worktree,
        branchName: created.id,
        lockedSettings: lockSettings(profile, overrides, row),
      })
      .where(eq(tickets.id, row.id));
    const ticket = await s.tickets.resolve(created.id);
    await writePlan(s.artifacts, ticket, 'EXPANDING_BEADS', [
      bead('a', 1),
      bead('b', 2, { dependencies: { blocked_by: ['a'], blocks: [] } }),
    ]);
    return { ref: created.id, id: row.id, worktree };
  }

  const beadIdOf = (text: string) => /implement bead (\w+)/.exec(text)?.[1] ?? '';
  const edit = async (dir: string, path: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), `export const x = ${JSON.stringify(path)};\n`);
  };

  it('codes every bead in order and leaves CODING for RUNNING_FINAL_TEST', async () => {
    agent = async (r) => {
      const id = beadIdOf(r.text);
      await edit(r.directory, `src/${id}.js`);
      return marker(id);
    };
    const { ref, id } = await codingTicket();
    core.services.runner.kick(id);
    await core.services.runner.idle(id);
    const ticket = await core.services.tickets.resolve(ref);
    // RUNNING_FINAL_TEST is someone else's handler; whatever it does, CODING handed over with both beads done
    expect(ticket.visitedStatuses).toContain('RUNNING_FINAL_TEST');
    expect(ticket).toMatchObject({ totalBeads: 2, currentBead: 2, percentComplete: 100 });
    const plan = await readPlan(core.services.artifacts, ticket);
    expect(plan?.beads.map((b) => [b.id, b.status])).toEqual([
      ['a', 'done'],
      ['b', 'done'],
    ]);
  });

  it('blocks a bead out of budget and Retry with a note resets it and codes it again', async () => {
    agent = (r) => (r.text.includes('context-wipe note') ? 'try harder' : 'no marker');
    const { ref, id, worktree } = await codingTicket({ maxIterations: 1 });
    core.services.runner.kick(id);
    await core.services.runner.idle(id);
    const blocked = await core.services.tickets.resolve(ref);
    expect(blocked).toMatchObject({ status: 'BLOCKED_ERROR', previousStatus: 'CODING' });
    expect(blocked.errorCodes).toEqual(['BEAD_RETRY_BUDGET_EXHAUSTED']);
    expect((await readPlan(core.services.artifacts, blocked))?.beads[0]?.status).toBe('error');

    await edit(worktree, 'src/leftover.js');
    agent = async (r) => {
      const id = beadIdOf(r.text);
      await edit(r.directory, `src/${id}.js`);
      return marker(id);
    };
    await core.services.workflow.retry(ref, 'Return the marker this time.');
    await core.services.runner.idle(id);
    const done = await core.services.tickets.resolve(ref);
    expect(done.visitedStatuses).toContain('RUNNING_FINAL_TEST');
    const [a] = (await readPlan(core.services.artifacts, done))?.beads ?? [];
    expect(a?.status).toBe('done');
    expect(a?.userRetryNotes.map((n) => n.content)).toEqual(['Return the marker this time.']);
    expect(a?.failedIterationNotes.map((n) => n.content)).toEqual(['try harder']);
    expect(existsSync(join(worktree, 'src/leftover.js'))).toBe(false);
  });
});
