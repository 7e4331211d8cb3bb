import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTempDir, type TempRepo } from '@looptroop/testkit';
import { fakeRuntime } from '@looptroop/testkit/fakes';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { type Core, createCore } from '../src/context.ts';
import { tickets } from '../src/db/schema.ts';
import type { TicketStatus } from '../src/lifecycle/statuses.ts';
import type { AgentRuntime } from '../src/opencode/client.ts';
import { ProjectOverrides } from '../src/projects/schema.ts';
import { lockSettings } from '../src/workflow/settings.ts';

// The real core (libSQL file, runner, phases, delivery) on a temp data dir, and a started ticket put in a status of
// the execution band (e.g. INTEGRATING_CHANGES with two bead commits in its worktree). OpenCode is offline (testkit's
// fake refuses every call), so delivery uses its fallbacks.

export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, stdio: 'pipe' }).toString().trim();

/** `cleanups` collects what the test's afterEach undoes, newest last. */
export async function startDeliveryCore(
  cleanups: (() => Promise<void>)[],
  env: Record<string, string> = {},
  runtime: AgentRuntime = fakeRuntime(),
): Promise<Core> {
  const data = await createTempDir('lt-data-');
  cleanups.push(data.cleanup);
  const core = await createCore(loadConfig({ LOOPTROOP_HOME: data.dir, NODE_ENV: 'test', ...env }), { runtime });
  cleanups.push(() => core.close());
  await core.services.profile.create({ mainImplementer: 'p/alpha', councilMembers: ['p/alpha', 'p/beta'] });
  return core;
}

/** A started ticket (worktree on its own branch, settings locked) put in `status`, on a new project for `repo` unless given. */
export async function ticketIn(
  core: Core,
  repo: TempRepo,
  status: TicketStatus,
  previousStatus: TicketStatus,
  options: { locked?: Record<string, unknown>; projectId?: number } = {},
) {
  const projectId =
    options.projectId ??
    (await core.services.projects.attach({ name: 'App', shortname: 'APP', folderPath: repo.dir })).id;
  const created = await core.services.tickets.create({ projectId, title: 'Add the feature' });
  const row = await core.services.tickets.resolve(created.id);
  const worktree = join(repo.dir, '.looptroop', 'worktrees', row.externalId);
  git(repo.dir, 'worktree', 'add', '-q', '-b', row.externalId, worktree, 'main');
  const profile = await core.services.profile.settings();
  if (!profile) throw new Error('profile missing');
  const overrides = ProjectOverrides.parse((await core.services.projects.row(projectId)).overrides);
  await core.db
    .update(tickets)
    .set({
      status,
      previousStatus,
      worktreePath: worktree,
      branchName: row.externalId,
      baseBranch: 'main',
      lockedSettings: { ...lockSettings(profile, overrides, row), ...options.locked },
    })
    .where(eq(tickets.id, row.id));
  return { id: row.id, ref: row.externalId, worktree, projectId };
}

/** A started ticket whose worktree holds two bead commits, put in INTEGRATING_CHANGES. */
export async function ticketReadyToIntegrate(core: Core, repo: TempRepo, locked: Record<string, unknown> = {}) {
  const ticket = await ticketIn(core, repo, 'INTEGRATING_CHANGES', 'RUNNING_FINAL_TEST', { locked });
  for (const [i, file] of ['src/feature.js', 'test/feature.test.js'].entries()) {
    await mkdir(dirname(join(ticket.worktree, file)), { recursive: true });
    await writeFile(join(ticket.worktree, file), `export const v${i} = ${i};\n`);
    git(ticket.worktree, 'add', file);
    git(ticket.worktree, 'commit', '-q', '-m', `bead ${i + 1}`);
  }
  return ticket;
}

export async function runUntilIdle(core: Core, id: number, ref: string) {
  core.services.runner.kick(id);
  await core.services.runner.idle(id);
  return core.services.tickets.get(ref);
}
