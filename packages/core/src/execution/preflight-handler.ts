import { constants } from 'node:fs/promises';
import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import { readPlan } from '../beads/plan-store.ts';
import { READ_ONLY_TOOLS } from '../council/index.ts';
import { pathExists } from '../lib/path-exists.ts';
import { type PhaseContext, PhaseError, type PhaseHandler, type PhaseOutcome } from '../lifecycle/phase.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import type { TicketRow } from '../tickets/store.ts';
import { abortableSleep, type ExecutionDeps } from './deps.ts';
import { bandBusyError, findBandHolder } from './execution-band.ts';
import { type PreflightFacts, runPreflightChecks } from './preflight-checks.ts';
import { capabilityProbePrompt } from './setup-prompts.ts';
import { currentBranch, readWorktreeStatus } from './worktree-git.ts';

/** §10.2: session creation is retried after 1 s, 3 s and 7 s. */
export const PROBE_SESSION_BACKOFF_MS = [1000, 3000, 7000];
const PROBE_TIMEOUT_MS = 120_000;

/** §10.2 "then tear the session down": the probe's session is deleted from OpenCode; a failure is only reported. */
async function tearDown(deps: ExecutionDeps, ctx: PhaseContext, sessionId: string | null): Promise<string | null> {
  if (!sessionId) return null;
  return deps.opencode.deleteSession(ctx.ticket, sessionId).then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

/**
 * The capability probe (§10.2): a temporary read-only session with the locked main implementer and variant; the reply
 * must be exactly `OK`. Only a failure to create the session is retried (a prompt failure is the answer).
 */
async function capabilityProbe(deps: ExecutionDeps, ctx: PhaseContext): Promise<NonNullable<PreflightFacts['probe']>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await deps.opencode.runPrompt({
        ticket: ctx.ticket,
        phase: ctx.status,
        phaseAttempt: ctx.phaseAttempt,
        title: `${ctx.ticket.externalId} · capability probe`,
        model: ctx.locked.mainImplementer,
        variant: ctx.locked.mainImplementerVariant,
        text: capabilityProbePrompt(),
        tools: { ...READ_ONLY_TOOLS, question: false },
        timeoutMs: Math.min(PROBE_TIMEOUT_MS, ctx.settings.councilResponseTimeout * 1000),
        signal: ctx.signal,
      });
      const teardownError = await tearDown(deps, ctx, outcome.sessionId);
      return { reply: outcome.text, error: null, sessionAttempts: attempt, teardownError };
    } catch (error) {
      if (error instanceof PromptFailure) {
        if (error.kind === 'aborted') throw error;
        const teardownError = await tearDown(deps, ctx, error.sessionId);
        return { reply: null, error: error.message, sessionAttempts: attempt, teardownError };
      }
      const delay = PROBE_SESSION_BACKOFF_MS[attempt - 1];
      const message = error instanceof Error ? error.message : String(error);
      if (delay === undefined)
        return { reply: null, error: `no session after ${attempt} attempts: ${message}`, sessionAttempts: attempt };
      await (deps.sleep ?? abortableSleep)(delay, ctx.signal);
    }
  }
}

/** Gather what the doctor looks at. Reads only: this phase changes nothing on disk (§10.2). */
export async function gatherPreflightFacts(deps: ExecutionDeps, ctx: PhaseContext): Promise<PreflightFacts> {
  const { ticket } = ctx;
  const worktree = ticket.worktreePath;
  const health = await deps.opencode.health();
  const models = health.reachable ? await deps.opencode.checkModels([ctx.locked.mainImplementer]) : null;
  const modelOk = models?.ok === true;
  const probe = health.reachable && modelOk ? await capabilityProbe(deps, ctx) : null;
  const latest = (type: ArtifactTypeName, phase?: string) =>
    deps.artifacts.latest(ticket, type, phase ? { phase } : {});
  const plan = await readPlan(deps.artifacts, ticket);
  const worktreeExists = worktree !== null && (await pathExists(worktree));
  const status = worktreeExists && worktree ? await readWorktreeStatus(worktree) : { changed: [], untracked: [] };
  const holder = findBandHolder(ticket, await deps.projectTickets(ticket.projectId));
  return {
    opencode: { healthy: health.reachable, version: health.version, ...(health.error && { error: health.error }) },
    model: { id: ctx.locked.mainImplementer, variant: ctx.locked.mainImplementerVariant, available: modelOk },
    probe,
    workspace: {
      exists: worktreeExists,
      writable: worktreeExists && worktree !== null && (await pathExists(worktree, constants.W_OK)),
    },
    artifacts: {
      relevantFiles: (await latest('relevant_files')) !== undefined,
      interview: (await latest('interview')) !== undefined,
      prd: (await latest('prd')) !== undefined,
      beads: plan !== null,
      beadsApproved: (await latest('approval_receipt', 'WAITING_BEADS_APPROVAL')) !== undefined,
    },
    beads: plan?.beads ?? [],
    git: {
      worktreeExists,
      branch: worktreeExists && worktree ? await currentBranch(worktree) : null,
      changed: status.changed,
      untracked: status.untracked,
    },
    delivery: await deps.deliveryReadiness(ctx.project.folderPath),
    band: {
      holder: holder?.externalId ?? null,
      message: holder ? (bandBusyError(ticket, [holder])?.message ?? null) : null,
    },
    maxIterations: ctx.settings.maxIterations,
  };
}

/** PRE_FLIGHT_CHECK (§10.2): the report is written on failure too; any fail → CHECKS_FAILED (BLOCKED_ERROR). */
export function preflightPhase(deps: ExecutionDeps): PhaseHandler {
  const run = async (ctx: PhaseContext): Promise<PhaseOutcome> => {
    const checks = runPreflightChecks(await gatherPreflightFacts(deps, ctx));
    const failed = checks.filter((c) => c.status === 'fail');
    const report = await deps.artifacts.write(
      ctx.ticket,
      ctx.status,
      'preflight_report',
      JSON.stringify({ status: failed.length ? 'failed' : 'passed', checkedAt: deps.clock.isoNow(), checks }),
    );
    for (const check of checks) {
      await deps.logs.write(ctx.ticket, {
        phase: ctx.status,
        phaseAttempt: ctx.phaseAttempt,
        type: check.status === 'fail' ? 'error' : 'info',
        kind: 'step',
        message: `[SYS] ${check.status.toUpperCase()} ${check.id}: ${check.message}`,
        ...(check.details && { data: check.details }),
      });
    }
    if (failed.length)
      throw new PhaseError(
        `Pre-flight checks failed: ${failed.map((c) => `${c.id} (${c.message})`).join('; ')}`,
        ['CHECKS_FAILED'],
        { failedChecks: failed.map((c) => c.id), reportArtifactId: report.id },
      );
    return { event: 'CHECKS_PASSED' };
  };
  // workflow.md §4.6: the one-ticket-per-project band check is the admission, before the context is built and
  // before any pre-flight work; passing it is what takes the band.
  const admit = async (ticket: TicketRow) => {
    const busy = bandBusyError(ticket, await deps.projectTickets(ticket.projectId));
    if (busy) throw busy;
  };
  return Object.assign(run, { admit });
}
