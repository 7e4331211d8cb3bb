import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTempDir, type TempRepo } from '@looptroop/testkit';
import { fakeRuntime } from '@looptroop/testkit/fakes';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { type Core, createCore } from '../src/context.ts';
import { tickets } from '../src/db/schema.ts';
import { ProjectOverrides } from '../src/projects/schema.ts';
import { lockSettings } from '../src/workflow/settings.ts';

// The real core (libSQL file, runner, phases, delivery) on a temp data dir, and a ticket put right at the start of
// delivery: its worktree holds two bead commits and it sits in INTEGRATING_CHANGES. OpenCode is offline (testkit's
// fake refuses every call), so delivery uses its fallbacks.

export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, stdio: 'pipe' }).toString().trim();

/** `cleanups` collects what the test's afterEach undoes, newest last. */
export async function startDeliveryCore(
  cleanups: (() => Promise<void>)[],
  env: Record<string, string> = {},
): Promise<Core> {
  const data = await createTempDir('lt-data-');
  cleanups.push(data.cleanup);
  const core = await createCore(loadConfig({ LOOPTROOP_HOME: data.dir, NODE_ENV: 'test', ...env }), {
    runtime: fakeRuntime(),
  });
  cleanups.push(() => core.close());
  await core.services.profile.create({ mainImplementer: 'p/alpha', councilMembers: ['p/alpha', 'p/beta'] });
  return core;
}

/** A project on `repo` and a started ticket whose worktree holds two bead commits, put in INTEGRATING_CHANGES. */
export async function ticketReadyToIntegrate(core: Core, repo: TempRepo, locked: Record<string, unknown> = {}) {
  const projectId = (await core.services.projects.attach({ name: 'App', shortname: 'APP', folderPath: repo.dir })).id;
  const created = await core.services.tickets.create({ projectId, title: 'Add the feature' });
  const row = await core.services.tickets.resolve(created.id);
  const worktree = join(repo.dir, '.looptroop', 'worktrees', row.externalId);
  git(repo.dir, 'worktree', 'add', '-q', '-b', row.externalId, worktree, 'main');
  for (const [i, file] of ['src/feature.js', 'test/feature.test.js'].entries()) {
    await mkdir(dirname(join(worktree, file)), { recursive: true });
    await writeFile(join(worktree, file), `export const v${i} = ${i};\n`);
    git(worktree, 'add', file);
    git(worktree, 'commit', '-q', '-m', `bead ${i + 1}`);
  }
  const profile = await core.services.profile.settings();
  if (!profile) throw new Error('profile missing');
  const overrides = ProjectOverrides.parse((await core.services.projects.row(projectId)).overrides);
  await core.db
    .update(tickets)
    .set({
      status: 'INTEGRATING_CHANGES',
      previousStatus: 'RUNNING_FINAL_TEST',
      worktreePath: worktree,
      branchName: row.externalId,
      baseBranch: 'main',
      lockedSettings: { ...lockSettings(profile, overrides, row), ...locked },
    })
    .where(eq(tickets.id, row.id));
  return { id: row.id, ref: row.externalId, worktree, projectId };
}

export async function runUntilIdle(core: Core, id: number, ref: string) {
  core.services.runner.kick(id);
  await core.services.runner.idle(id);
  return core.services.tickets.get(ref);
}
