import { randomUUID } from 'node:crypto';
import type { ArtifactService } from '../artifacts/service.ts';
import type { Db } from '../db/client.ts';
import { conflict, invalidInput } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { LockedSettings } from '../lifecycle/settings.ts';
import type { TicketTransitions } from '../lifecycle/transitions.ts';
import type { LogService } from '../logs/service.ts';
import { selectProject } from '../projects/store.ts';
import { expandUnionIssues, issuePath } from '../structured/issues.ts';
import type { TicketService } from '../tickets/service.ts';
import { toTicket } from '../tickets/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { withCopyPreviews } from './input-copy.ts';
import { gatherPlanFacts } from './plan-facts.ts';
import type { RegenerateInput, SetupPlanPutInput, SetupPlanView } from './setup-plan-api.ts';
import { type NormalizedPlan, parseSetupPlan, planToRaw, readStoredPlan } from './setup-plan-format.ts';
import { largeInputProblems, type PlanProblem, setupPlanProblems } from './setup-plan-rules.ts';
import {
  GATE,
  GENERATING,
  type GenerationRequest,
  PLAN_NOTES_TYPE,
  PLAN_REPORT_TYPE,
  PLAN_REQUEST_TYPE,
  PLAN_TYPE,
  PREPARING,
  planArtifact,
  readNotes,
} from './setup-plan-store.ts';
import { clearSetupRuntime } from './setup-runtime-files.ts';
import { setupFailureText } from './setup-state.ts';

export interface SetupPlanServiceDeps {
  db: Db;
  clock: Clock;
  tickets: TicketService;
  artifacts: ArtifactService;
  logs: LogService;
  transitions: TicketTransitions;
  env: Record<string, string | undefined>;
  /** Close the open error occurrence when an action leaves BLOCKED_ERROR (the error history lives in workflow/). */
  resolveBlocked?: (ticket: TicketRow, resumedTo: string) => Promise<void>;
}

/** §4.8: the rewind reason when a plan is saved or regenerated during PREPARING_EXECUTION_ENV. */
export const RUNTIME_REWIND = 'execution_setup_runtime_rewind';

/** A version's generation report, read for what the gate shows and what a regeneration receives. */
interface GateReport {
  validationError?: string | null;
  warnings?: string[];
  rawOutput?: string;
  /** §4.4: the cleaned failure of the blocked setup this version was opened after ("Edit setup plan…"). */
  runtimeFailure?: string | null;
}

const byField = (problems: readonly PlanProblem[]) =>
  problems.map((p) => ({ field: issuePath(p.path) || '(root)', message: p.message }));

/** The setup-plan gate (§10.4) and its rewinds from PREPARING_EXECUTION_ENV (§4.8). */
export function createSetupPlanService(deps: SetupPlanServiceDeps) {
  const { db, clock, artifacts, logs } = deps;

  const facts = (row: TicketRow) => {
    const locked = LockedSettings.parse(row.lockedSettings);
    return gatherPlanFacts({ ticket: row, locked, artifacts, env: deps.env });
  };

  /** The original checkout, where workspace inputs come from (§10.5 step 1). */
  const checkoutOf = async (row: TicketRow) => {
    const project = await selectProject(db, row.projectId);
    if (!project) throw conflict('The ticket has no project');
    return project.folderPath;
  };

  const result = (row: TicketRow, message: string, view?: SetupPlanView) => ({
    message,
    ticketId: row.externalId,
    status: row.status,
    ticket: toTicket(row),
    ...(view && { view }),
  });

  /** Where a save or regenerate may happen: at the gate, or during preparation (a rewind), §4.6/§4.8. */
  function requireEditable(row: TicketRow) {
    if (row.status === GATE || row.status === PREPARING) return;
    throw conflict(`The setup plan cannot be changed while the ticket is ${row.status}`, { status: row.status });
  }

  async function view(ref: string, phaseAttempt?: number): Promise<SetupPlanView> {
    const row = await deps.tickets.resolve(ref);
    const attempts = await artifacts.attempts(row, GATE);
    const active =
      attempts.filter((a) => a.state === 'active').at(-1)?.attemptNumber ?? attempts.at(-1)?.attemptNumber ?? 1;
    const version = phaseAttempt ?? active;
    if (phaseAttempt !== undefined && !attempts.some((a) => a.attemptNumber === phaseAttempt))
      throw invalidInput(`The setup plan has no version ${phaseAttempt}`, {
        versions: attempts.map((a) => a.attemptNumber),
      });
    const stored = await planArtifact(artifacts, row, version);
    const report = await artifacts.latest(row, PLAN_REPORT_TYPE, { phase: GATE, phaseAttempt: version });
    const parsedReport = report ? (JSON.parse(report.content) as GateReport) : null;
    const editable = version === active && (row.status === GATE || row.status === PREPARING);
    return {
      exists: stored !== undefined,
      artifactId: stored?.id ?? null,
      updatedAt: stored?.updatedAt ?? null,
      raw: stored?.content ?? parsedReport?.rawOutput ?? null,
      plan: stored ? readStoredPlan(stored.content) : null,
      contentSha256: stored?.contentSha256 ?? null,
      version,
      versions: attempts.map((a) => ({ version: a.attemptNumber, state: a.state })),
      editable: editable && stored !== undefined,
      canApprove: editable && row.status === GATE && stored !== undefined,
      validationError: stored ? null : (parsedReport?.validationError ?? null),
      warnings: parsedReport?.warnings ?? [],
    };
  }

  function parseOrThrow(text: string, gathered: Awaited<ReturnType<typeof facts>>): NormalizedPlan {
    const parsed = parseSetupPlan(text, gathered.owner, gathered.facts);
    if (parsed.ok) return parsed.value;
    const issues = expandUnionIssues(parsed.issues ?? []).map((i) => ({
      field: issuePath(i.path) || '(root)',
      message: i.message,
    }));
    throw invalidInput(`The setup plan is not valid: ${parsed.error}`, { issues });
  }

  /**
   * §4.8: stop the setup session, archive the runtime attempt, clear the stale profile and wrapper (the tool cache
   * stays). The caller writes its records, then applies its event (nothing runs in between).
   */
  async function stopPreparation(row: TicketRow): Promise<TicketRow> {
    await deps.transitions.abort(row);
    const current = await deps.tickets.resolve(row.externalId);
    await artifacts.roll(current, PREPARING, RUNTIME_REWIND);
    if (current.worktreePath) await clearSetupRuntime(current.worktreePath);
    return current;
  }

  async function save(input: SetupPlanPutInput) {
    const row = await deps.tickets.resolve(input.id);
    requireEditable(row);
    const active = await artifacts.activeAttempt(row, GATE);
    if (input.phaseAttempt !== undefined && input.phaseAttempt !== active)
      throw conflict(`Version ${input.phaseAttempt} of the setup plan is archived and read-only`, {
        activeVersion: active,
      });
    const before = await planArtifact(artifacts, row, active);
    if (!before) throw conflict('There is no valid setup plan to edit; regenerate it', { status: row.status });
    const gathered = await facts(row);
    const normalized = parseOrThrow(input.raw ?? JSON.stringify(input.plan), gathered);
    let ticket = row;
    let attempt = active;
    if (row.status === PREPARING) {
      ticket = await stopPreparation(row);
      attempt = await artifacts.roll(ticket, GATE, RUNTIME_REWIND);
    }
    const raw = planToRaw({
      ...normalized.plan,
      workspaceInputs: await withCopyPreviews(await checkoutOf(row), normalized.plan.workspaceInputs),
    });
    const saved = await artifacts.write(ticket, GATE, PLAN_TYPE, raw, { phaseAttempt: attempt });
    await artifacts.write(
      ticket,
      GATE,
      'user_edit_receipt:execution_setup_plan',
      JSON.stringify({
        beforeSha256: before.contentSha256,
        afterSha256: saved.contentSha256,
        editedAt: clock.isoNow(),
        warnings: normalized.warnings,
      }),
      { phaseAttempt: attempt },
    );
    await logs.milestone(ticket, GATE, 'Setup plan saved by the user', { afterSha256: saved.contentSha256 });
    if (ticket.status === PREPARING)
      ticket = await deps.transitions.apply(ticket, {
        event: 'EXECUTION_SETUP_EVIDENCE_CHANGED',
        reason: 'setup plan edited during preparation',
      });
    return result(ticket, 'Setup plan saved', await view(ticket.externalId));
  }

  async function regenerate(input: RegenerateInput) {
    const row = await deps.tickets.resolve(input.id);
    requireEditable(row);
    const current = await planArtifact(artifacts, row);
    const notes = [...(await readNotes(artifacts, row)), { commentary: input.commentary, createdAt: clock.isoNow() }];
    await artifacts.write(row, GENERATING, PLAN_NOTES_TYPE, JSON.stringify({ notes }));
    const ticket = row.status === PREPARING ? await stopPreparation(row) : row;
    // The cleaned runtime failure (§10.3): kept on the version an "Edit setup plan…" opened (§4.4).
    const failure = row.status === GATE ? ((await gateReport(row))?.runtimeFailure ?? null) : row.errorMessage;
    // §10.4: archive the drafting and approval attempts; the new version is drafted into attempt N+1 of both.
    const drafting = await artifacts.roll(ticket, GENERATING, 'execution_setup_plan_regenerated');
    await artifacts.roll(ticket, GATE, 'execution_setup_plan_regenerated');
    const request: GenerationRequest = {
      requestId: randomUUID(),
      kind: 'regenerate',
      commentary: input.commentary,
      baseline: input.rawContent ?? current?.content ?? null,
      previousFailure: failure,
      createdAt: clock.isoNow(),
    };
    await artifacts.write(ticket, GENERATING, PLAN_REQUEST_TYPE, JSON.stringify(request), { phaseAttempt: drafting });
    // The request is written before the move: GENERATING_EXECUTION_SETUP_PLAN starts as soon as the ticket enters it.
    const moved = await deps.transitions.apply(ticket, {
      event: 'REGENERATE_EXECUTION_SETUP_PLAN',
      reason: 'setup plan regeneration requested',
    });
    return result(moved, 'Regenerating the setup plan');
  }

  async function gateReport(row: TicketRow): Promise<GateReport | null> {
    const phaseAttempt = await artifacts.activeAttempt(row, GATE);
    const stored = await artifacts.latest(row, PLAN_REPORT_TYPE, { phase: GATE, phaseAttempt });
    return stored ? (JSON.parse(stored.content) as GateReport) : null;
  }

  /**
   * §4.4 "Edit setup plan…" (only for a ticket blocked in PREPARING_EXECUTION_ENV): archive the failed runtime attempt
   * and return to the gate without drafting. The plan is carried into a new version with no approval (the failed
   * version keeps its receipt, read-only), together with the cleaned failure a later regeneration receives.
   */
  async function editFromBlocked(ref: string) {
    const row = await deps.tickets.resolve(ref);
    if (row.status !== 'BLOCKED_ERROR' || row.previousStatus !== PREPARING)
      throw conflict(
        `Edit setup plan is offered only for a ticket blocked in ${PREPARING} (this one is ${row.status}${
          row.status === 'BLOCKED_ERROR' ? ` from ${row.previousStatus}` : ''
        })`,
        { status: row.status, previousStatus: row.previousStatus },
      );
    const approved = await planArtifact(artifacts, row);
    if (!approved)
      throw conflict('There is no setup plan to edit; the ticket has none at the gate', { status: row.status });
    const failure = await setupFailureText(artifacts, row);
    // The setup session kept for Continue or a retry with note belongs to the archived attempt: give it up.
    await deps.transitions.abort(row);
    await artifacts.roll(row, PREPARING, RUNTIME_REWIND);
    if (row.worktreePath) await clearSetupRuntime(row.worktreePath);
    const attempt = await artifacts.roll(row, GATE, RUNTIME_REWIND);
    await artifacts.write(row, GATE, PLAN_TYPE, approved.content, { phaseAttempt: attempt });
    const report: GateReport = { validationError: null, warnings: [], runtimeFailure: failure };
    await artifacts.write(row, GATE, PLAN_REPORT_TYPE, JSON.stringify(report), { phaseAttempt: attempt });
    const moved = await deps.transitions.apply(row, {
      event: 'EXECUTION_SETUP_EVIDENCE_CHANGED',
      reason: 'setup plan edit after a blocked workspace setup',
      patch: { errorMessage: null, errorCodes: null },
    });
    await deps.resolveBlocked?.(row, moved.status);
    await logs.milestone(moved, GATE, `Setup plan v${attempt} opened for editing after the blocked workspace setup`);
    return result(moved, 'Back at the setup plan: edit it, then approve or regenerate', await view(moved.externalId));
  }

  /** §10.4 Approve: refresh host and hook evidence first; a meaningful change is a new hash to review (409). */
  async function approve(input: { id: string; expectedContentSha256: string }) {
    const row = await deps.tickets.resolve(input.id);
    if (row.status !== GATE)
      throw conflict(`Nothing to approve here: the ticket is in ${row.status}`, { status: row.status, expected: GATE });
    const stored = await planArtifact(artifacts, row);
    const plan = stored ? readStoredPlan(stored.content) : null;
    if (!stored || !plan)
      throw conflict('There is no valid setup plan to approve; regenerate it', { artifactType: PLAN_TYPE });
    const gathered = await facts(row);
    const refreshed = {
      ...plan,
      hostContext: gathered.owner.host,
      gitHooks: { ...plan.gitHooks, ...gathered.owner.hooks },
      workspaceInputs: await withCopyPreviews(await checkoutOf(row), plan.workspaceInputs),
    };
    const raw = planToRaw(refreshed);
    let current = stored;
    if (raw !== stored.content) {
      current = await artifacts.write(row, GATE, PLAN_TYPE, raw, { phaseAttempt: stored.phaseAttempt });
      await logs.milestone(row, GATE, 'Host or hook evidence changed since the plan was drafted; review it again');
    }
    if (current.contentSha256 !== input.expectedContentSha256)
      throw conflict('Stale approval', {
        artifactType: PLAN_TYPE,
        expectedContentSha256: input.expectedContentSha256,
        currentContentSha256: current.contentSha256,
        evidenceChanged: current !== stored,
      });
    const problems = [...setupPlanProblems(refreshed, gathered.facts), ...largeInputProblems(refreshed)];
    if (problems.length)
      throw conflict('The setup plan no longer holds on this host; edit or regenerate it', {
        issues: byField(problems),
      });
    await artifacts.write(
      row,
      GATE,
      'approval_receipt',
      JSON.stringify({
        artifactType: PLAN_TYPE,
        artifactId: current.id,
        content_sha256: current.contentSha256,
        host: refreshed.hostContext,
        stepCount: refreshed.steps.length,
        commandCount: refreshed.steps.reduce((n, s) => n + s.commands.length, 0),
        approvedInputs: refreshed.workspaceInputs,
        hookPolicy: refreshed.gitHooks.policy,
        evidence: refreshed.readiness.evidence,
        probes: refreshed.workspaceProbes,
        validationCommands: refreshed.gitHooks.validationCommands,
        approvedAt: clock.isoNow(),
      }),
      { phaseAttempt: stored.phaseAttempt },
    );
    const approved = await deps.transitions.apply(row, {
      event: 'APPROVE_EXECUTION_SETUP_PLAN',
      reason: 'execution setup plan approved',
    });
    return result(approved, 'execution_setup_plan approved');
  }

  return { view, save, regenerate, approve, editFromBlocked };
}

export type SetupPlanService = ReturnType<typeof createSetupPlanService>;
