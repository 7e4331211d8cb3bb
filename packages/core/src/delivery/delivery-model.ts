import type { OpencodeService } from '../opencode/service.ts';
import { callStructured, type RawAttempt } from '../opencode/structured-call.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import { applyCandidateAudit, CandidateAuditOutput, type CandidateFileAudit } from './candidate-audit.ts';
import { type CandidateDiff, changedPaths } from './candidate-diff.ts';
import type { IntegrationReport } from './integration.ts';
import type { DeliveryPhaseContext } from './phase-context.ts';
import { PullRequestDraft } from './pr-draft.ts';

// workflow.md §10.10 steps 1–2: the two model calls of CREATING_PULL_REQUEST, both in a fresh session of the main
// implementer with tools off. Neither can block the phase: an unparseable audit includes every file, and a failed
// draft falls back to the deterministic text.

const renderAudit = loadPrompt(new URL('./candidate-audit.md', import.meta.url));
const renderDraft = loadPrompt(new URL('./pr-draft.md', import.meta.url));
const STATUS = 'CREATING_PULL_REQUEST';
const PATCH_CHARS_IN_PROMPT = 60_000;

/** Who answers and how long it may take; built from the ticket's locked settings by the phase. */
export interface DeliveryModel {
  opencode: OpencodeService;
  model: string;
  variant: string | null;
  /** Structured retries after the first answer (§12.1). */
  retries: number;
  timeoutMs: number;
}

export type ModelCallContext = Pick<DeliveryPhaseContext, 'ticket' | 'phaseAttempt' | 'signal' | 'locked' | 'settings'>;

function run(model: DeliveryModel, ctx: ModelCallContext, title: string, text: string) {
  return {
    ticket: ctx.ticket,
    phase: STATUS,
    phaseAttempt: ctx.phaseAttempt,
    title: `${ctx.ticket.externalId} · ${title}`,
    model: model.model,
    variant: model.variant,
    text,
    tools: { '*': false },
    timeoutMs: model.timeoutMs,
    signal: ctx.signal,
  };
}

export async function auditCandidateFiles(
  model: DeliveryModel,
  ctx: ModelCallContext,
  diff: CandidateDiff,
): Promise<{ audit: CandidateFileAudit; attempts: RawAttempt[] }> {
  const text = renderAudit({
    phaseTag: phaseTag(STATUS),
    ticketDetails: ticketDetails(ctx.ticket),
    nameStatus: diff.nameStatus || '(none)',
    diffStat: diff.stat || '(none)',
  });
  const result = await callStructured(
    model.opencode,
    run(model, ctx, 'candidate file audit', text),
    {
      schema: CandidateAuditOutput,
      tag: 'CANDIDATE_FILE_AUDIT',
      rootKeys: ['files'],
      listPrimaryKeys: { files: 'path' },
      formatReminder:
        'One YAML document inside <CANDIDATE_FILE_AUDIT> tags: `files`, each with path, decision, evidence.',
    },
    model.retries,
  );
  const audit = result.ok
    ? applyCandidateAudit(changedPaths(diff), result.value)
    : applyCandidateAudit(changedPaths(diff), null, result.error);
  return { audit, attempts: result.attempts };
}

export async function draftPullRequestText(
  model: DeliveryModel,
  ctx: ModelCallContext,
  integration: IntegrationReport,
  diff: CandidateDiff,
): Promise<{ draft: PullRequestDraft | null; error: string | null; attempts: RawAttempt[] }> {
  const { files: _files, ...summary } = integration;
  const text = renderDraft({
    phaseTag: phaseTag(STATUS),
    ticketDetails: ticketDetails(ctx.ticket),
    integration: JSON.stringify(summary, null, 2),
    diffStat: diff.stat || '(none)',
    nameStatus: diff.nameStatus || '(none)',
    patch:
      diff.patch.length > PATCH_CHARS_IN_PROMPT ? `${diff.patch.slice(0, PATCH_CHARS_IN_PROMPT)}\n… (cut)` : diff.patch,
  });
  const result = await callStructured(
    model.opencode,
    run(model, ctx, 'pull request draft', text),
    {
      schema: PullRequestDraft,
      tag: 'PULL_REQUEST_DRAFT',
      rootKeys: ['title', 'body'],
      formatReminder:
        'One YAML document inside <PULL_REQUEST_DRAFT> tags with `title` (one line) and `body` (Markdown).',
    },
    model.retries,
  );
  return result.ok
    ? { draft: result.value, error: null, attempts: result.attempts }
    : { draft: null, error: result.error, attempts: result.attempts };
}

/** The AI side of CREATING_PULL_REQUEST, as the phase uses it (tests pass their own). */
export interface PullRequestAi {
  audit(ctx: ModelCallContext, diff: CandidateDiff): Promise<{ audit: CandidateFileAudit; attempts: RawAttempt[] }>;
  draft(
    ctx: ModelCallContext,
    integration: IntegrationReport,
    diff: CandidateDiff,
  ): Promise<{ draft: PullRequestDraft | null; error: string | null; attempts: RawAttempt[] }>;
}

/** The ticket's main implementer, as Start locked it, with the AI response timeout (§10.10: fresh session, tools off). */
export const lockedModel =
  (opencode: OpencodeService) =>
  (ctx: ModelCallContext): DeliveryModel => ({
    opencode,
    model: ctx.locked.mainImplementer,
    variant: ctx.locked.mainImplementerVariant,
    retries: ctx.locked.structuredRetryCount,
    timeoutMs: ctx.settings.councilResponseTimeout * 1000,
  });

/** The real one: the ticket's main implementer through OpenCode; `modelFor` reads the locked settings. */
export function createPullRequestAi(modelFor: (ctx: ModelCallContext) => DeliveryModel): PullRequestAi {
  return {
    audit: (ctx, diff) => auditCandidateFiles(modelFor(ctx), ctx, diff),
    draft: (ctx, integration, diff) => draftPullRequestText(modelFor(ctx), ctx, integration, diff),
  };
}
