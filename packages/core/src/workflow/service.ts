import { ArtifactType } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import { deleteTicketArtifacts } from '../artifacts/store.ts';
import type { Db } from '../db/client.ts';
import { restoreWritePermission } from '../delivery/cleanup.ts';
import type { Delivery } from '../delivery/port.ts';
import { AppError, conflict, invalidInput } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { WorkspaceFiles } from '../files/port.ts';
import type { GitPort } from '../git/port.ts';
import type { HealthService } from '../health/service.ts';
import type { Clock } from '../lib/clock.ts';
import type { WorkflowEventType } from '../lifecycle/machine.ts';
import { PhaseError, WAITING_STATUSES } from '../lifecycle/phase.ts';
import { isTerminal, statusInfo, TicketStatus } from '../lifecycle/statuses.ts';
import type { TicketTransitions } from '../lifecycle/transitions.ts';
import type { LogService } from '../logs/service.ts';
import type { ModelCheck } from '../opencode/client.ts';
import type { ProfileService } from '../profile/service.ts';
import { ProjectOverrides } from '../projects/schema.ts';
import { selectProject } from '../projects/store.ts';
import { type TicketService, toTicket } from '../tickets/service.ts';
import { selectTickets, type TicketRow } from '../tickets/store.ts';
import { EXECUTION_LOG } from '../tickets/workspace.ts';
import type { WriteFence } from '../tickets/write-fence.ts';
import { checkContinue } from './continuation.ts';
import { isContinueOffered, loadContinueFacts } from './continuation-store.ts';
import { resolveOpenOccurrence, selectOpenOccurrence } from './error-store.ts';
import { applyTransition } from './persistence.ts';
import { createPrReviewActions } from './pr-review.ts';
import type { Runner } from './runner.ts';
import type { ApproveInput, CancelInput, DevEventInput, WorkflowActionResult } from './schema.ts';
import { lockSettings } from './settings.ts';
import { initializeWorkspace } from './start.ts';

export interface WorkflowDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  tickets: TicketService;
  profile: ProfileService;
  artifacts: ArtifactService;
  logs: LogService;
  runner: Runner;
  /** Closed by cancel before the work is aborted, so nothing the aborted work still does is recorded (§4.5). */
  fence?: WriteFence;
  /** The transitions port, shared with the services outside the engine (PR review uses it here). */
  transitions: TicketTransitions;
  health: HealthService;
  checkModels: ModelCheck;
  /** Stop and abandon the agent sessions a ticket still owns (they died with the previous process). */
  abandonSessions: (ticket: TicketRow) => Promise<void>;
  /** Can OpenCode still read an owned session? `unverified` when it cannot tell right now (workflow.md §4.4). */
  probeSession: (sessionId: string, directory: string) => Promise<'readable' | 'missing' | 'unverified'>;
  git: GitPort;
  files: WorkspaceFiles;
  /** Merges and closes delivered PRs (§10.11). */
  delivery: Delivery;
  devEvents: boolean;
  /** A background job (Fix gaps with AI) owns the gate's document: approval waits for it (§8.5 → 409). */
  gateBusy?: (ticketId: number) => boolean;
  /** workflow.md §4.4 "Retry with extra note…" (PREPARING_EXECUTION_ENV); without it a note is refused with 409. */
  retryWithNote?: (row: TicketRow, note: string, diagnostics: unknown) => Promise<void>;
  /**
   * workflow.md §4.4 RETRY in CODING: reset the same failed or paused bead to its start commit and make it pending
   * (with a note: append it to the bead's userRetryNotes). Throws a conflict, changing nothing, when it cannot.
   */
  retryCoding?: (row: TicketRow, note?: string) => Promise<void>;
  /** Gates whose approval does more than the hash check (the setup plan refreshes its evidence first, §10.4). */
  gateApprovals?: Partial<Record<TicketStatus, (input: ApproveInput) => Promise<WorkflowActionResult>>>;
  /** Coverage gaps still open on the gate's document; recorded on the approval receipt (§8.5). */
  openGaps?: (ticket: TicketRow, artifactType: string) => Promise<string[]>;
}

const GATE_EVENT: Partial<Record<TicketStatus, WorkflowEventType>> = {
  WAITING_INTERVIEW_APPROVAL: 'APPROVE',
  WAITING_PRD_APPROVAL: 'APPROVE',
  WAITING_BEADS_APPROVAL: 'APPROVE',
  WAITING_EXECUTION_SETUP_APPROVAL: 'APPROVE_EXECUTION_SETUP_PLAN',
};

export function createWorkflowService(deps: WorkflowDeps) {
  const { db, clock, events, tickets, runner, artifacts, logs } = deps;
  const starting = new Set<number>();

  const result = async (row: TicketRow, message: string): Promise<WorkflowActionResult> => {
    const ticket = toTicket(row, { canContinue: await isContinueOffered(db, row) });
    return { message, ticketId: ticket.id, status: ticket.status, ticket };
  };

  async function start(ref: string): Promise<WorkflowActionResult> {
    const row = await tickets.resolve(ref);
    if (row.status !== 'DRAFT') throw conflict(`Only DRAFT tickets can be started (this one is ${row.status})`);
    if (starting.has(row.id)) throw new AppError('too_many_requests', 'This ticket is already starting');
    starting.add(row.id);
    try {
      const profile = await deps.profile.settings();
      if (!profile) throw conflict('Create a profile (main implementer and council) before starting a ticket');
      const project = await selectProject(db, row.projectId);
      if (!project) throw conflict('The ticket has no project');
      const locked = lockSettings(profile, ProjectOverrides.parse(project.overrides), row);
      const models = await deps.checkModels(locked.councilMembers);
      if (!models.ok && 'unreachable' in models) throw new AppError('unavailable', models.message);
      if (!models.ok) {
        throw invalidInput(`Models not available in OpenCode: ${models.missing.join(', ')}`, {
          missing: models.missing,
        });
      }
      const now = clock.isoNow();
      let workspace: Awaited<ReturnType<typeof initializeWorkspace>>;
      try {
        workspace = await initializeWorkspace(deps.git, project, row, locked, now);
      } catch (error) {
        const codes = error instanceof PhaseError ? error.codes : ['INIT_UNKNOWN'];
        const message = error instanceof Error ? error.message : String(error);
        const blocked = await runner.block(row, { message, codes: ['INIT_FAILED', ...codes] });
        return result(blocked, 'Start blocked during initialization');
      }
      const started = await applyTransition(db, events, clock, row, {
        event: 'START',
        reason: 'started by user',
        patch: { lockedSettings: locked, ...workspace, startedAt: now },
      });
      await logs.milestone(
        started,
        'DRAFT',
        `Ticket started on branch ${workspace.branchName} from ${workspace.baseBranch}`,
        {
          worktreePath: workspace.worktreePath,
        },
      );
      runner.kick(started.id);
      return result(started, 'Ticket started');
    } finally {
      starting.delete(row.id);
    }
  }

  /**
   * workflow.md §4.5: from any non-terminal status; aborts work; the ticket row always stays. Order matters: the
   * fence closes first (a late result of the aborted phase is never recorded), then the phase's signal kills its
   * session and commands (their process groups), then lock files a killed git left are removed, and only then does
   * the ticket become CANCELED and its content go when asked.
   */
  async function cancel(input: CancelInput): Promise<WorkflowActionResult> {
    const row = await tickets.resolve(input.id);
    if (isTerminal(TicketStatus.parse(row.status))) throw conflict(`The ticket is already ${row.status}`);
    deps.fence?.close(row.id);
    await runner.abort(row);
    const current = await tickets.resolve(input.id);
    if (current.worktreePath) await deps.git.releaseLocks(current.worktreePath);
    const canceled = await applyTransition(db, events, clock, current, {
      event: 'CANCEL',
      reason: 'canceled by user',
      patch: { completedAt: clock.isoNow() },
    });
    await resolveOpenOccurrence(db, row.id, {
      resolutionStatus: 'CANCELED',
      resumedToStatus: null,
      resolvedAt: clock.isoNow(),
    });
    if (input.deleteContent) {
      await deleteTicketArtifacts(db, row.id);
      const project = await selectProject(db, row.projectId);
      if (project && current.worktreePath) {
        // Setup may have left read-only caches (Go modules…): removal would stop half-way on them (§10.12).
        await restoreWritePermission(current.worktreePath);
        await deps.git.removeWorktree(project.folderPath, current.worktreePath, current.branchName);
      }
    } else if (input.deleteLog && current.worktreePath) {
      await deps.files.remove(current.worktreePath, EXECUTION_LOG);
    }
    return result(canceled, 'Ticket canceled');
  }

  /** workflow.md §4.4 RETRY: archive the failed attempt, open N+1 and re-enter previousStatus. */
  async function retry(ref: string, note?: string): Promise<WorkflowActionResult> {
    const row = await tickets.resolve(ref);
    if (note !== undefined) {
      if (row.status !== 'BLOCKED_ERROR')
        throw conflict(`Only blocked tickets can be retried (this one is ${row.status})`, { status: row.status });
      const isCoding = row.previousStatus === 'CODING' && deps.retryCoding !== undefined;
      if (isCoding) await deps.retryCoding?.(row, note);
      else {
        if (!deps.retryWithNote) throw conflict('Retry with a note is not available here', { status: row.status });
        const occurrence = await selectOpenOccurrence(db, row.id);
        await deps.retryWithNote(row, note, occurrence?.diagnostics ?? null);
      }
      // §4.4: no new attempt and the preserved session is kept (the note goes into it).
      const resumed = await applyTransition(db, events, clock, row, {
        event: 'RETRY',
        reason: 'retried by user with a note',
        patch: { errorMessage: null, errorCodes: null },
      });
      await resolveOpenOccurrence(db, row.id, {
        resolutionStatus: 'RETRIED',
        resumedToStatus: resumed.status,
        resolvedAt: clock.isoNow(),
      });
      // CODING starts the bead over in a fresh session; setup sends the note into its preserved one.
      if (isCoding) await deps.abandonSessions(resumed);
      runner.kick(resumed.id);
      return result(resumed, `Retrying ${resumed.status} with a note`);
    }
    if (row.status !== 'BLOCKED_ERROR')
      throw conflict(`Only blocked tickets can be retried (this one is ${row.status})`);
    const previous = TicketStatus.safeParse(row.previousStatus);
    if (!previous.success) throw conflict('The blocked ticket does not know which status to resume');
    // CODING never opens attempts (the bead is reset instead); DRAFT has no phase work to version;
    // GENERATING_EXECUTION_SETUP_PLAN re-enters the same drafting version with its durable request (§4.4).
    if (!['CODING', 'DRAFT', 'GENERATING_EXECUTION_SETUP_PLAN'].includes(previous.data)) {
      await artifacts.roll(row, previous.data, 'manual_retry_after_blocked_error');
    }
    if (previous.data === 'CODING') await deps.retryCoding?.(row);
    const resumed = await applyTransition(db, events, clock, row, {
      event: 'RETRY',
      reason: 'retried by user',
      patch: { errorMessage: null, errorCodes: null },
    });
    await resolveOpenOccurrence(db, row.id, {
      resolutionStatus: 'RETRIED',
      resumedToStatus: previous.data,
      resolvedAt: clock.isoNow(),
    });
    // A retry starts fresh: sessions kept for Continue are given up (architecture.md §5.3).
    await deps.abandonSessions(resumed);
    runner.kick(resumed.id);
    return result(resumed, `Retrying ${previous.data}`);
  }

  /**
   * workflow.md §4.4 CONTINUE: resume the blocked status in the same phase attempt (nothing archived), when the open
   * error left a preserved, still-readable session and its failure class is continuable. Every refusal is a 409.
   */
  async function continueBlocked(ref: string): Promise<WorkflowActionResult> {
    const row = await tickets.resolve(ref);
    const check = checkContinue(await loadContinueFacts(db, row));
    if (!check.ok) throw conflict(check.message, { reason: check.reason, status: row.status, ...check.details });
    const probe = await deps.probeSession(check.sessionId, check.directory);
    if (probe !== 'readable') {
      const message =
        probe === 'missing'
          ? `OpenCode no longer has session ${check.sessionId}, so it cannot be continued; use Retry`
          : `OpenCode could not confirm session ${check.sessionId} right now, so the ticket cannot continue yet; try again shortly`;
      throw conflict(message, {
        reason: probe === 'missing' ? 'session_missing' : 'session_unverified',
        status: row.status,
        sessionId: check.sessionId,
      });
    }
    const resumed = await applyTransition(db, events, clock, row, {
      event: 'CONTINUE',
      reason: `continued by user after ${check.failureClass.replaceAll('_', ' ')}`,
      patch: { errorMessage: null, errorCodes: null },
    });
    await resolveOpenOccurrence(db, row.id, {
      resolutionStatus: 'CONTINUED',
      resumedToStatus: check.previousStatus,
      resolvedAt: clock.isoNow(),
    });
    await logs.milestone(resumed, check.previousStatus, `Continuing ${check.previousStatus} after the error`, {
      sessionId: check.sessionId,
      failureClass: check.failureClass,
    });
    runner.kick(resumed.id);
    return result(resumed, `Continuing ${check.previousStatus}`);
  }

  /** workflow.md §14.4: hash-guarded approval of the gate's review artifact. */
  async function approve(input: ApproveInput, expectedGate?: TicketStatus): Promise<WorkflowActionResult> {
    const row = await tickets.resolve(input.id);
    const status = TicketStatus.parse(row.status);
    const special = deps.gateApprovals?.[status];
    if (special && (!expectedGate || status === expectedGate)) return special(input);
    const event = GATE_EVENT[status];
    if (!event || (expectedGate && status !== expectedGate)) {
      throw conflict(`Nothing to approve here: the ticket is in ${status}`, { status, expected: expectedGate ?? null });
    }
    if (deps.gateBusy?.(row.id)) throw conflict('A gap fix is running on this document; approve when it ends');
    // The catalogue serves the review artifact as text (/api/workflow/meta); every gate names one (lifecycle/statuses.ts).
    const artifactType = ArtifactType.parse(statusInfo(status).reviewArtifact);
    const current = await artifacts.latest(row, artifactType);
    if (!current) throw conflict(`There is no ${artifactType} to approve yet`, { artifactType });
    if (current.contentSha256 !== input.expectedContentSha256) {
      const hashes = {
        artifactType,
        expectedContentSha256: input.expectedContentSha256,
        currentContentSha256: current.contentSha256,
      };
      // workflow.md §14.4 puts the hashes at the top level of the 409; they stay in details as well.
      throw conflict('Stale approval', hashes, hashes);
    }
    const openGaps = (await deps.openGaps?.(row, artifactType)) ?? [];
    // The revision-guarded transition decides which of two racing approvals wins; only the winner gets to write its
    // receipt (the loser's 409 leaves nothing behind). The receipt is written before the kick, so the next phase never
    // runs without it.
    const approved = await applyTransition(db, events, clock, row, { event, reason: `${artifactType} approved` });
    await artifacts.write(
      row,
      status,
      'approval_receipt',
      JSON.stringify({
        artifactType,
        artifactId: current.id,
        contentSha256: current.contentSha256,
        approvedAt: clock.isoNow(),
        openGaps,
        reason: input.reason || null,
      }),
    );
    if (openGaps.length) {
      await logs.milestone(row, status, `${artifactType} approved with ${openGaps.length} open coverage gaps`, {
        gaps: openGaps,
        reason: input.reason || null,
      });
    }
    runner.kick(approved.id);
    return result(approved, `${artifactType} approved`);
  }

  /** Development/test only: inject a workflow event (403 otherwise). */
  async function devEvent(input: DevEventInput): Promise<WorkflowActionResult> {
    if (!deps.devEvents)
      throw new AppError('forbidden', 'dev-event is disabled; set LOOPTROOP_DEV_EVENTS=1 to enable it');
    const row = await tickets.resolve(input.id);
    const moved = await applyTransition(db, events, clock, row, {
      event: input.type,
      reason: 'dev-event',
      ...(input.context && { context: input.context }),
    });
    runner.kick(moved.id);
    return result(moved, `${input.type} applied`);
  }

  /**
   * Startup recovery (architecture.md §7.2): tickets that were mid-phase re-enter their status's handler, which
   * resumes from what was persisted; waiting statuses simply wait. Each decision is reported by /health/startup.
   */
  async function recover(): Promise<void> {
    for (const row of await selectTickets(db, {})) {
      const status = TicketStatus.parse(row.status);
      if (isTerminal(status) || status === 'DRAFT') continue;
      if (WAITING_STATUSES.includes(status)) {
        deps.health.recordRecovery({
          ticketId: row.externalId,
          status,
          action: 'waiting',
          reason: 'waits for a person',
        });
        continue;
      }
      deps.health.recordRecovery({
        ticketId: row.externalId,
        status,
        action: 'resumed',
        reason: `${status} was interrupted by a restart; its work resumes from what was saved`,
      });
      await deps.abandonSessions(row);
      await logs.milestone(row, status, `Resuming ${status} after a restart`);
      runner.kick(row.id);
    }
  }

  const review = createPrReviewActions({
    clock,
    artifacts,
    transitions: deps.transitions,
    result,
    delivery: deps.delivery,
    block: (row, request) => runner.block(row, request),
  });

  return {
    start,
    cancel,
    retry,
    continue: continueBlocked,
    approve,
    devEvent,
    recover,
    merge: review.merge,
    closeUnmerged: review.closeUnmerged,
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
