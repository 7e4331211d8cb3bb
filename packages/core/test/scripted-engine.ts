import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ScriptedPhases, scriptedPhases } from '@looptroop/testkit';
import { fakeRuntime } from '@looptroop/testkit/fakes';
import { asc, eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { type Core, createCore } from '../src/context.ts';
import { ticketStatusHistory, tickets } from '../src/db/schema.ts';
import type { PhaseContext, PhaseOutcome } from '../src/lifecycle/phase.ts';
import type { TicketStatus } from '../src/lifecycle/statuses.ts';
import type { AgentRuntime } from '../src/opencode/client.ts';
import { ProjectOverrides } from '../src/projects/schema.ts';
import type { TicketRow } from '../src/tickets/store.ts';
import type { Runner } from '../src/workflow/runner.ts';
import type { WorkflowService } from '../src/workflow/service.ts';
import { lockSettings } from '../src/workflow/settings.ts';

// The real engine (runner, persistence, workflow service, event bus) built by createCore on a real libSQL file in a
// temp dir, with scripted in-process phase handlers as the phase registry instead of models. OpenCode is absent:
// unless a test passes its own runtime, testkit's fake refuses every call, so a test that reaches it fails loudly.

export type Phases = ScriptedPhases<PhaseContext, PhaseOutcome>;

export interface ScriptedEngine {
  core: Core;
  runner: Runner;
  workflow: WorkflowService;
  phases: Phases;
  projectId: number;
  /** A started ticket sitting in `status` (as if it had just entered it), with locked settings and a workspace. */
  ticketIn(status: TicketStatus, previousStatus?: TicketStatus): Promise<TicketRow>;
  reload(ticket: TicketRow): Promise<TicketRow>;
  /** The ticket's status history, oldest first, as `from → to (event)`. */
  history(ticket: TicketRow): Promise<string[]>;
  /** A new process on the same data dir and database (the running one must be stopped first). */
  restart(): Promise<ScriptedEngine>;
  /** Stop runs and close the database, keeping the files (a process exit). */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** `statuses` get the scripted handler; every other working status has none (the runner blocks it). */
export async function startScriptedEngine(
  statuses: TicketStatus[],
  options: { dir?: string; phases?: Phases; runtime?: AgentRuntime; env?: Record<string, string | undefined> } = {},
): Promise<ScriptedEngine> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'lt-engine-')));
  const repo = join(dir, 'repo');
  const fresh = !options.dir;
  if (fresh) {
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    await writeFile(join(repo, 'README.md'), '# sample\n');
  }
  const phases = options.phases ?? scriptedPhases<PhaseContext, PhaseOutcome>();
  const registry = Object.fromEntries(statuses.map((status) => [status, phases.handler]));
  const core = await createCore(loadConfig({ LOOPTROOP_HOME: join(dir, 'data'), NODE_ENV: 'test' }), {
    runtime: options.runtime ?? fakeRuntime(),
    phases: () => registry,
    ...(options.env && { env: options.env }),
  });
  const s = core.services;
  if (fresh) await s.profile.create({ mainImplementer: 'p/alpha', councilMembers: ['p/alpha', 'p/beta'] });
  const projectId = fresh
    ? (await s.projects.attach({ name: 'Sample', shortname: 'SMP', folderPath: repo })).id
    : (await s.projects.list())[0]?.id;
  if (projectId === undefined) throw new Error('scripted engine: the project is missing');
  const { runner, workflow } = s;
  const stop = () => core.close();
  const engine: ScriptedEngine = {
    core,
    runner,
    workflow,
    phases,
    projectId,
    async ticketIn(status, previousStatus = status) {
      const created = await s.tickets.create({ projectId, title: `Ticket in ${status}` });
      const row = await s.tickets.resolve(created.id);
      const worktree = join(dir, 'worktrees', created.id);
      await mkdir(join(worktree, '.ticket', 'runtime'), { recursive: true });
      const profile = await s.profile.settings();
      if (!profile) throw new Error('scripted engine: the profile is missing');
      const overrides = ProjectOverrides.parse((await s.projects.row(projectId)).overrides);
      await core.db
        .update(tickets)
        .set({
          status,
          previousStatus,
          visitedStatuses: [status],
          worktreePath: worktree,
          lockedSettings: lockSettings(profile, overrides, row),
        })
        .where(eq(tickets.id, row.id));
      return s.tickets.resolve(created.id);
    },
    reload: (ticket) => s.tickets.resolve(ticket.externalId),
    async history(ticket) {
      const rows = await core.db
        .select()
        .from(ticketStatusHistory)
        .where(eq(ticketStatusHistory.ticketId, ticket.id))
        .orderBy(asc(ticketStatusHistory.id));
      return rows.map((r) => `${r.fromStatus} → ${r.toStatus} (${r.event})`);
    },
    restart: () => startScriptedEngine(statuses, { ...options, dir, phases }),
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return engine;
}
