import { createArtifactService } from './artifacts/service.ts';
import { selectArtifacts } from './artifacts/store.ts';
import { createTicketFiles } from './artifacts/ticket-files.ts';
import { createBeadsService } from './beads/service.ts';
import { createCodingStore, iterationBudget, resetBeadForRetry } from './coding/index.ts';
import { createChildProcessRunner } from './commands/child-process.ts';
import type { CommandRunner } from './commands/port.ts';
import type { Config } from './config.ts';
import { type Db, openDb } from './db/client.ts';
import {
  checkDeliveryReadiness,
  createPullRequestViews,
  createReviewWatcher,
  createTicketDelivery,
  followReviews,
  originUrlOf,
  publishedCandidate,
  removeFinishedWorktrees,
} from './delivery/index.ts';
import type { Delivery } from './delivery/port.ts';
import { createDiffService } from './diffs/service.ts';
import { notFound } from './errors.ts';
import { EventBus } from './events/bus.ts';
import { clearExecutionSetupState, createSetupPlanService, recordSetupRetryNote } from './execution/index.ts';
import { createNodeFiles } from './files/node-files.ts';
import type { WorkspaceFiles } from './files/port.ts';
import { recordFinalTestRetryNote } from './final-test/index.ts';
import type { GitPort } from './git/port.ts';
import { createSimpleGit } from './git/simple-git.ts';
import { createHealthService } from './health/service.ts';
import { createInterviewService } from './interview/service.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import type { PhaseRegistry } from './lifecycle/phase.ts';
import { createLogService } from './logs/service.ts';
import type { AgentRuntime } from './opencode/client.ts';
import { createHttpRuntime } from './opencode/http-client.ts';
import { createOpencodeService } from './opencode/service.ts';
import { type OpencodeSupervision, superviseOpencode } from './opencode/supervisor.ts';
import { createFixGaps } from './planning/fix-gaps.ts';
import { createPlanningReview } from './planning/review.ts';
import { createPrdService } from './prd/service.ts';
import { TUNABLE_DEFAULTS } from './profile/schema.ts';
import { createProfileService } from './profile/service.ts';
import { createProgressService } from './progress/service.ts';
import { ProjectOverrides } from './projects/schema.ts';
import { createProjectService } from './projects/service.ts';
import { selectProject } from './projects/store.ts';
import { createTicketService } from './tickets/service.ts';
import { selectTickets, type TicketRow } from './tickets/store.ts';
import { createWriteFence } from './tickets/write-fence.ts';
import type { TrpcContext } from './trpc.ts';
import { isContinueOffered } from './workflow/continuation-store.ts';
import { resolveOpenOccurrence } from './workflow/error-store.ts';
import { buildPhaseContext } from './workflow/phase-context.ts';
import { createPhaseRegistry, type PhaseDeps } from './workflow/phases.ts';
import { createRunner } from './workflow/runner.ts';
import { createWorkflowService } from './workflow/service.ts';
import { readLaterSettings } from './workflow/settings.ts';
import { createTransitions } from './workflow/transitions.ts';

/**
 * Side-effect ports a caller may replace, each independently (a test swaps one port, never a hand-built service).
 * Real implementations by default; in-process fakes live in testkit.
 */
export interface Deps {
  clock: Clock;
  runtime: AgentRuntime;
  /** Environment handed to child processes we start (managed OpenCode, setup and test commands). */
  env: Record<string, string | undefined>;
  git: GitPort;
  files: WorkspaceFiles;
  /** Publishes, merges and closes PRs (workflow.md §10.10–§10.11); by default the provider the project's origin picks. */
  delivery: Delivery;
  commands: CommandRunner;
  /** The status → handler registry: fast tests run scripted handlers through the real runner. */
  phases: (deps: PhaseDeps) => PhaseRegistry;
}

function buildServices(config: Config, db: Db, deps: Deps, wasFresh: boolean, opencodeAdvice?: string) {
  const { clock, runtime, git, files: workspaceFiles, delivery, commands } = deps;
  const events = new EventBus(db, clock);
  const fence = createWriteFence();
  const logs = createLogService(clock, events, fence);
  const artifacts = createArtifactService(db, clock, events, workspaceFiles, fence);
  const profile = createProfileService(db, clock);
  const projects = createProjectService(db, clock);
  const tickets = createTicketService(db, clock, events, (row) => isContinueOffered(db, row));
  const opencode = createOpencodeService({
    db,
    clock,
    events,
    logs,
    runtime,
    ...(opencodeAdvice && { unavailableAdvice: opencodeAdvice }),
  });
  const health = createHealthService(
    db,
    clock,
    config,
    { wasFresh, startedAt: clock.now().getTime() },
    {
      profile,
      projects,
    },
  );
  const phases = deps.phases({
    git,
    files: workspaceFiles,
    delivery,
    commands,
    opencode,
    artifacts,
    logs,
    events,
    clock,
    projectTickets: (projectId) => selectTickets(db, { projectId }),
    deliveryReadiness: async (repoRoot) =>
      checkDeliveryReadiness({ originUrl: await originUrlOf(repoRoot), settings: config, env: deps.env }),
    env: deps.env,
    codingStore: createCodingStore(db),
  });
  const fixGaps = createFixGaps({
    tickets,
    opencode,
    artifacts,
    logs,
    events,
    clock,
    phaseContext: (ticket, status, signal) => buildPhaseContext({ db, profile, artifacts }, ticket, status, signal),
  });
  const runner = createRunner({
    db,
    clock,
    events,
    logs,
    artifacts,
    profile,
    phases: () => phases,
    onAbort: (ticket) => {
      fixGaps.abort(ticket.id);
      return opencode.abandonSessions(ticket);
    },
  });
  const transitions = createTransitions({ db, clock, events, runner, resolve: tickets.resolve });
  const setupPlan = createSetupPlanService({
    db,
    clock,
    tickets,
    artifacts,
    logs,
    transitions,
    env: deps.env,
    resolveBlocked: (ticket, resumedTo) =>
      resolveOpenOccurrence(db, ticket.id, {
        resolutionStatus: 'EDITED',
        resumedToStatus: resumedTo,
        resolvedAt: clock.isoNow(),
      }),
  });
  const workflow = createWorkflowService({
    db,
    clock,
    events,
    tickets,
    profile,
    artifacts,
    logs,
    runner,
    fence,
    transitions,
    health,
    git,
    files: workspaceFiles,
    delivery,
    checkModels: opencode.checkModels,
    abandonSessions: (ticket) => opencode.abandonSessions(ticket),
    probeSession: opencode.probeSession,
    devEvents: config.devEvents,
    gateBusy: fixGaps.isRunning,
    openGaps: (ticket, artifactType) => planning.openGaps(ticket, artifactType),
    retryWithNote: (row, note, diagnostics) =>
      row.previousStatus === 'RUNNING_FINAL_TEST'
        ? recordFinalTestRetryNote(artifacts, row, note, clock.isoNow())
        : recordSetupRetryNote(artifacts, row, note, diagnostics),
    retryCoding: (row, note) => resetBeadForRetry({ git, artifacts, clock }, row, note),
    gateApprovals: { WAITING_EXECUTION_SETUP_APPROVAL: setupPlan.approve },
  });
  // §4.8: every planning rewind clears the execution-setup state downstream of it.
  const clearExecutionSetup = (ticket: TicketRow, reason: string) =>
    clearExecutionSetupState({ db, artifacts }, ticket, reason);
  const interview = createInterviewService({ db, clock, events, tickets, artifacts, transitions, clearExecutionSetup });
  const prd = createPrdService({
    db,
    clock,
    tickets,
    artifacts,
    transitions,
    busy: fixGaps.isRunning,
    clearExecutionSetup,
  });
  const beads = createBeadsService({ clock, tickets, artifacts, busy: fixGaps.isRunning, clearExecutionSetup });
  const diffs = createDiffService({ tickets, artifacts, git });
  const progress = createProgressService({
    db,
    tickets,
    artifacts,
    maxIterations: async (ticket) => {
      const [project, settings] = await Promise.all([selectProject(db, ticket.projectId), profile.settings()]);
      if (!project || !settings) return iterationBudget(TUNABLE_DEFAULTS.maxIterations);
      return iterationBudget(readLaterSettings(settings, ProjectOverrides.parse(project.overrides)).maxIterations);
    },
  });
  const pullRequests = createPullRequestViews({ artifacts, delivery });
  /** §10.12 project action: the worktrees of finished tickets go, those of working tickets stay. */
  const worktrees = {
    sweep: async (projectId: number) =>
      removeFinishedWorktrees((await projects.row(projectId)).folderPath, await selectTickets(db, { projectId })),
  };
  const planning = createPlanningReview({ tickets, artifacts, isFixing: fixGaps.isRunning });
  const files = createTicketFiles(workspaceFiles, { interview: interview.saveRaw, prd: prd.saveRaw }, (t) =>
    tickets.resolve(t.externalId),
  );
  return {
    config,
    events,
    logs,
    artifacts,
    files,
    interview,
    prd,
    beads,
    diffs,
    progress,
    planning,
    setupPlan,
    fixGaps,
    profile,
    projects,
    tickets,
    opencode,
    health,
    runner,
    workflow,
    pullRequests,
    worktrees,
  };
}

export type Services = ReturnType<typeof buildServices>;

export interface Core {
  config: Config;
  db: Db;
  services: Services;
  opencode: OpencodeSupervision | null;
  /** Resume tickets interrupted by the last shutdown (call once the server is listening). */
  recover(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Delivery through the provider the project's origin picks (spec README "Project origin"), for the candidate the
 * pull request was published with.
 */
function realDelivery(config: Config, db: Db, clock: Clock, env: Record<string, string | undefined>): Delivery {
  return createTicketDelivery({
    settings: config,
    clock,
    env,
    projectOf: async (ticket) => {
      const project = await selectProject(db, ticket.projectId);
      if (!project) throw notFound('Project', { projectId: ticket.projectId });
      return { folderPath: project.folderPath, originUrl: await originUrlOf(project.folderPath) };
    },
    candidateOf: async (ticket) => {
      const reports = await selectArtifacts(db, ticket.id, { artifactType: 'pull_request_report' });
      return publishedCandidate(reports.at(-1)?.content);
    },
  });
}

/** The composition root: open storage, connect OpenCode, build every service. The only place adapters are built. */
export async function createCore(config: Config, deps: Partial<Deps> = {}): Promise<Core> {
  const opened = await openDb(config.dbUrl, config.dbAuthToken);
  const runtime =
    deps.runtime ??
    createHttpRuntime({
      url: config.opencodeUrl,
      username: config.opencodeUsername,
      ...(config.opencodePassword && { password: config.opencodePassword }),
    });
  const env = deps.env ?? {};
  const clock = deps.clock ?? systemClock;
  const delivery = deps.delivery ?? realDelivery(config, opened.db, clock, env);
  /** Stops following reviews (§10.11 hand merges); set once recover() has started it. */
  let stopFollowing: (() => void) | undefined;
  const opencode = config.manageOpencode ? await superviseOpencode(config, runtime, env) : null;
  const services = buildServices(
    config,
    opened.db,
    {
      clock,
      runtime,
      env,
      git: deps.git ?? createSimpleGit(),
      files: deps.files ?? createNodeFiles(),
      delivery,
      commands: deps.commands ?? createChildProcessRunner({ env }),
      phases: deps.phases ?? createPhaseRegistry,
    },
    opened.wasFresh,
    opencode?.mode === 'unavailable' ? opencode.message : undefined,
  );
  return {
    config,
    db: opened.db,
    services,
    opencode,
    async recover() {
      await services.workflow.recover();
      stopFollowing ??= await followReviews({
        events: services.events,
        watcher: createReviewWatcher({
          read: (ticket) => delivery.read(ticket),
          // §10.11: a PR merged by hand finishes the way Merge PR & Finish does (no second merge, still verified).
          onMerged: async (ticket) => {
            await services.workflow.merge(ticket.externalId);
          },
          onError: (ticket, error) =>
            void services.logs
              .milestone(
                ticket,
                'WAITING_PR_REVIEW',
                `Stopped watching the pull request for a merge by hand: ${String(error)}`,
              )
              .catch(() => undefined),
          intervalMs: config.reviewPollMs,
        }),
        resolve: (ref) => services.tickets.resolve(ref).catch(() => null),
        inReview: () => selectTickets(opened.db, { status: 'WAITING_PR_REVIEW' }),
        onError: () => undefined,
      });
    },
    async close() {
      stopFollowing?.();
      await services.fixGaps.stopAll();
      await services.runner.stopAll();
      services.opencode.close();
      await opencode?.managed?.stop();
      opened.close();
    },
  };
}

/** tRPC context for one call (HTTP request or server-side caller). */
export function createContext(core: Core): TrpcContext {
  return { services: core.services, http: {} };
}
