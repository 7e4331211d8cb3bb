import { randomUUID } from 'node:crypto';
import { readPlan } from '../beads/plan-store.ts';
import { READ_ONLY_TOOLS } from '../council/index.ts';
import { type PhaseContext, PhaseError, type PhaseHandler } from '../lifecycle/phase.ts';
import { callStructured } from '../opencode/structured-call.ts';
import { relevantFilesText } from '../planning/steps.ts';
import type { ExecutionDeps } from './deps.ts';
import { withCopyPreviews } from './input-copy.ts';
import { gatherPlanFacts } from './plan-facts.ts';
import { planToRaw, SETUP_PLAN_FORMAT_REMINDER, setupPlanSpec } from './setup-plan-format.ts';
import {
  GATE,
  type GenerationRequest,
  PLAN_REPORT_TYPE,
  PLAN_REQUEST_TYPE,
  PLAN_TYPE,
  readNotes,
  readRequest,
} from './setup-plan-store.ts';
import { regeneratePlanPrompt, setupPlanPrompt } from './setup-prompts.ts';

/** Failure classes that are a malformed plan (reviewed at the gate), not a ticket error (§10.3 Outcome). */
const MALFORMED = new Set(['invalid', 'unparseable', 'empty', 'prompt_echo']);

async function ensureRequest(deps: ExecutionDeps, ctx: PhaseContext): Promise<GenerationRequest> {
  const existing = await readRequest(deps.artifacts, ctx.ticket, ctx.phaseAttempt);
  if (existing) return existing;
  const request: GenerationRequest = {
    requestId: randomUUID(),
    kind: 'initial',
    commentary: null,
    baseline: null,
    previousFailure: null,
    createdAt: deps.clock.isoNow(),
  };
  await deps.artifacts.write(ctx.ticket, ctx.status, PLAN_REQUEST_TYPE, JSON.stringify(request));
  return request;
}

/** GENERATING_EXECUTION_SETUP_PLAN (§10.3): MAI, fresh session, read-only tools, AI response timeout. */
export function setupPlanPhase(deps: ExecutionDeps): PhaseHandler {
  return async (ctx) => {
    const request = await ensureRequest(deps, ctx);
    const { ticket } = ctx;
    const gathered = await gatherPlanFacts({ ticket, locked: ctx.locked, artifacts: deps.artifacts, env: deps.env });
    const beads = (await readPlan(deps.artifacts, ticket))?.beads ?? [];
    const profile = await deps.artifacts.latest(ticket, 'execution_setup_profile');
    const promptInput = {
      ticket,
      originalCheckout: ctx.project.folderPath,
      worktree: ticket.worktreePath ?? '',
      hostContext: gathered.owner.host,
      hookPolicy: gathered.owner.hooks.policy,
      detectedHooks: gathered.owner.hooks.detected,
      relevantFiles: await relevantFilesText(deps.artifacts, ticket),
      prd: (await deps.artifacts.latest(ticket, 'prd'))?.content ?? '(no PRD)',
      beads: beads
        .map((b) => `- ${b.id}: ${b.title} — test commands: ${b.testCommands.join(', ') || '(none)'}`)
        .join('\n'),
      previousProfile: profile?.content ?? null,
      notes: (await readNotes(deps.artifacts, ticket)).map((n) => n.commentary),
    };
    const text =
      request.kind === 'regenerate'
        ? regeneratePlanPrompt({
            ...promptInput,
            commentary: request.commentary ?? '',
            currentPlan: request.baseline ?? '(none)',
            previousFailure: request.previousFailure,
          })
        : setupPlanPrompt(promptInput);
    const result = await callStructured(
      deps.opencode,
      {
        ticket,
        phase: ctx.status,
        phaseAttempt: ctx.phaseAttempt,
        title: `${ticket.externalId} · execution setup plan`,
        model: ctx.locked.mainImplementer,
        variant: ctx.locked.mainImplementerVariant,
        text,
        tools: { ...READ_ONLY_TOOLS },
        timeoutMs: ctx.settings.councilResponseTimeout * 1000,
        signal: ctx.signal,
      },
      { ...setupPlanSpec(gathered.owner, gathered.facts), formatReminder: SETUP_PLAN_FORMAT_REMINDER },
      ctx.locked.structuredRetryCount,
    );
    const report = {
      requestId: request.requestId,
      kind: request.kind,
      commentary: request.commentary,
      ok: result.ok,
      warnings: result.ok ? result.value.warnings : [],
      validationError: result.ok ? null : result.error,
      failureClass: result.ok ? null : result.failureClass,
      rawAttempts: result.attempts,
      rawOutput: result.attempts.at(-1)?.rawResponse ?? '',
      generatedAt: deps.clock.isoNow(),
    };
    if (!result.ok && !MALFORMED.has(result.failureClass)) {
      await deps.artifacts.write(ticket, ctx.status, PLAN_REPORT_TYPE, JSON.stringify(report));
      // Provider, session or timeout failure: BLOCKED_ERROR; the request stays for Retry (§4.4).
      throw new PhaseError(
        `Generating the setup plan failed: ${result.error}`,
        ['EXECUTION_SETUP_PLAN_FAILED'],
        undefined,
        {
          cause: result.failure,
        },
      );
    }
    const gateAttempt = await deps.artifacts.activeAttempt(ticket, GATE);
    await deps.artifacts.write(ticket, GATE, PLAN_REPORT_TYPE, JSON.stringify(report), { phaseAttempt: gateAttempt });
    if (!result.ok) {
      await deps.logs.milestone(ticket, ctx.status, `The setup plan is malformed after retries: ${result.error}`);
      return { event: 'EXECUTION_SETUP_PLAN_FAILED' };
    }
    const plan = {
      ...result.value.plan,
      workspaceInputs: await withCopyPreviews(ctx.project.folderPath, result.value.plan.workspaceInputs),
    };
    await deps.artifacts.write(ticket, GATE, PLAN_TYPE, planToRaw(plan), { phaseAttempt: gateAttempt });
    await deps.logs.milestone(
      ticket,
      ctx.status,
      `Setup plan v${gateAttempt}: ${result.value.plan.readiness.status}, ${result.value.plan.steps.length} steps, ${result.value.plan.workspaceProbes.length} probes`,
    );
    return { event: 'EXECUTION_SETUP_PLAN_READY' };
  };
}
