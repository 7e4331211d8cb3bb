import { stringify } from 'yaml';
import type { ArtifactType } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import {
  type CouncilDomain,
  councilMembersOf,
  DraftsRecord,
  describeRubric,
  runVotes,
  scorecardFormatReminder,
  type TypedDraftsRecord,
  type ValidDraft,
  VotesRecord,
  validDrafts,
} from '../council/index.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import { type PhaseContext, PhaseError, type PhaseOutcome } from '../lifecycle/phase.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import { callStructured } from '../opencode/structured-call.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';

// Steps the PRD and beads councils share (workflow.md §5): the vote, the winner lookup and the coverage loop (§5.7).

export interface PlanningDeps {
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
  events: EventBus;
  clock: Clock;
}

const renderVote = loadPrompt(new URL('./prompts/vote.md', import.meta.url));

export async function relevantFilesText(artifacts: ArtifactService, ticket: TicketRow) {
  return (await artifacts.latest(ticket, 'relevant_files'))?.content ?? '(no scan available)';
}

/** The drafts of the round in the phase's active attempt; a missing record is `INTERMEDIATE_DATA_LOST`. */
export async function storedDrafts<T>(
  artifacts: ArtifactService,
  ticket: TicketRow,
  artifactType: ArtifactType,
  phase: string,
): Promise<TypedDraftsRecord<T>> {
  const stored = await artifacts.latest(ticket, artifactType, { phase });
  const record = stored ? DraftsRecord.safeParse(JSON.parse(stored.content)) : null;
  if (!record?.success)
    throw new PhaseError(`The ${artifactType} were lost; retry the drafting`, ['INTERMEDIATE_DATA_LOST']);
  return record.data as TypedDraftsRecord<T>; // each content was validated by the round's schema before it was stored
}

export async function storedVotes(
  artifacts: ArtifactService,
  ticket: TicketRow,
  artifactType: ArtifactType,
  phase: string,
) {
  const stored = await artifacts.latest(ticket, artifactType, { phase });
  const parsed = stored ? VotesRecord.safeParse(JSON.parse(stored.content)) : null;
  return parsed?.success ? parsed.data : null;
}

/** The winner of the domain's vote and its valid draft, or a PhaseError (workflow.md §5.5 step 4). */
export async function winnerOf<T>(
  artifacts: ArtifactService,
  ticket: TicketRow,
  input: {
    domainLabel: string;
    draftsType: ArtifactType;
    draftsPhase: string;
    votesType: ArtifactType;
    votesPhase: string;
  },
): Promise<{ winnerId: string; winner: ValidDraft<T>; valid: ValidDraft<T>[] }> {
  const drafts = await storedDrafts<T>(artifacts, ticket, input.draftsType, input.draftsPhase);
  const votes = await storedVotes(artifacts, ticket, input.votesType, input.votesPhase);
  const winnerId = votes?.result?.winnerId;
  if (!winnerId)
    throw new PhaseError(`The ${input.domainLabel} vote result was lost; retry the vote`, ['INTERMEDIATE_DATA_LOST']);
  const valid = validDrafts(drafts);
  const winner = valid.find((d) => d.memberId === winnerId);
  if (!winner)
    throw new PhaseError(`${input.domainLabel} winner ${winnerId} has no matching draft — cannot refine`, [
      'QUORUM_NOT_MET',
    ]);
  return { winnerId, winner, valid };
}

/** §5.6 context labels for the losing drafts. */
export function alternativesText<T>(valid: ValidDraft<T>[], winnerId: string, render: (c: T) => string) {
  return valid
    .filter((d) => d.memberId !== winnerId)
    .map((d, i) => `## Alternative Draft ${i + 1} (model: ${d.memberId})\n\n\`\`\`yaml\n${render(d.content)}\`\`\``)
    .join('\n\n');
}

export type CallSpec<T> = Parameters<typeof callStructured<T>>[2];

/**
 * One structured call by the domain winner in the current status (refine, revise, expand, audit): a fresh titled
 * session, the winner's locked variant, the AI response budget. A failure becomes a PhaseError with `codes`, keeping
 * the prompt failure as its cause so Continue can resume the session.
 */
export async function winnerCall<T>(
  deps: PlanningDeps,
  ctx: PhaseContext,
  input: {
    winnerId: string;
    title: string;
    text: string;
    tools: Readonly<Record<string, boolean>>;
    failure: string;
    codes: string[];
  },
  spec: CallSpec<T>,
): Promise<T> {
  const result = await callStructured(
    deps.opencode,
    {
      ticket: ctx.ticket,
      phase: ctx.status,
      phaseAttempt: ctx.phaseAttempt,
      title: `${ctx.ticket.externalId} · ${input.title}`,
      model: input.winnerId,
      variant: ctx.locked.councilMemberVariants[input.winnerId] ?? null,
      text: input.text,
      timeoutMs: ctx.settings.councilResponseTimeout * 1000,
      signal: ctx.signal,
      resume: ctx.continuation,
      tools: { ...input.tools },
    },
    spec,
    ctx.locked.structuredRetryCount,
  );
  if (!result.ok) {
    throw new PhaseError(`${input.failure}: ${result.error}`, input.codes, undefined, { cause: result.failure });
  }
  return result.value;
}

/** The vote step of a planning domain (§5.4, §5.5). */
export async function runPlanningVote<T>(
  deps: PlanningDeps,
  ctx: PhaseContext,
  input: {
    domain: CouncilDomain;
    subject: string;
    draftsType: ArtifactType;
    draftsPhase: string;
    votesType: ArtifactType;
    context: string;
    renderDraft?: (content: T) => string;
  },
): Promise<PhaseOutcome> {
  const drafts = await storedDrafts<T>(deps.artifacts, ctx.ticket, input.draftsType, input.draftsPhase);
  const { result } = await runVotes(deps, {
    ctx,
    domain: input.domain,
    phase: ctx.status,
    members: councilMembersOf(ctx.locked),
    drafts,
    ...(input.renderDraft && { renderDraft: input.renderDraft }),
    buildPrompt: (_voter, labelled, rubric) =>
      renderVote({
        phaseTag: phaseTag(ctx.status),
        subject: input.subject,
        ticketDetails: ticketDetails(ctx.ticket),
        context: input.context,
        drafts: labelled.map((d) => `### ${d.label}\n\n\`\`\`yaml\n${d.text}\n\`\`\``).join('\n\n'),
        rubric: describeRubric(rubric),
        format: scorecardFormatReminder(
          rubric,
          labelled.map((d) => d.label),
        ),
      }),
    minQuorum: ctx.settings.minCouncilQuorum,
    timeoutMs: ctx.settings.councilResponseTimeout * 1000,
    retries: ctx.locked.structuredRetryCount,
    artifactType: input.votesType,
  });
  await deps.logs.milestone(ctx.ticket, ctx.status, `Winner: ${result.winnerId}`, { degraded: result.degraded });
  return { event: 'WINNER_SELECTED' };
}

export const yamlOf = (value: unknown) => stringify(value, { lineWidth: 0 });
