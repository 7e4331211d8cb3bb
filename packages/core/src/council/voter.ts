import { randomUUID } from 'node:crypto';
import { stringify } from 'yaml';
import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import { PhaseError } from '../lifecycle/phase.ts';
import { type CouncilDomain, DOMAIN_LABELS } from './domain.ts';
import { validDrafts } from './drafter.ts';
import { callMember, finishedCall, pendingCall } from './member-call.ts';
import { draftLabel, type LabelledDraft, labelDrafts, memberForLabel, presentDrafts } from './presentation.ts';
import { checkVoteQuorum } from './quorum.ts';
import { createRecordWriter, loadRecord } from './record-store.ts';
import { buildCouncilResult } from './result.ts';
import type { CouncilContext, CouncilDeps } from './round.ts';
import { RUBRICS, type Rubric } from './rubrics.ts';
import {
  type CouncilMember,
  type CouncilResult,
  type DraftVote,
  type Presentation,
  type TypedDraftsRecord,
  type VoterMember,
  VotesRecord,
} from './schema.ts';
import { scorecardFormatReminder, scorecardSchema } from './scorecard.ts';
import { DISABLED_TOOLS } from './tools.ts';
import { selectWinner, WinnerSelectionError } from './winner.ts';

export interface VoteRoundDeps extends CouncilDeps {
  /** A fresh presentation seed per voter; injected so tests can replay orders. */
  newSeed?: () => string;
}

export interface VoteRoundInput<T> {
  ctx: CouncilContext;
  domain: CouncilDomain;
  /** The status the round runs in, e.g. `COUNCIL_VOTING_INTERVIEW`. */
  phase: string;
  /** Every council member votes, including those whose own draft failed (workflow.md §5.4). Council order. */
  members: readonly CouncilMember[];
  drafts: TypedDraftsRecord<T>;
  /** The vote prompt for one voter; it sees only labels and texts, never who wrote a draft. */
  buildPrompt: (voter: CouncilMember, drafts: LabelledDraft[], rubric: Rubric) => string;
  /** How a draft is shown to voters; YAML by default. */
  renderDraft?: (content: T) => string;
  rubric?: Rubric;
  minQuorum: number;
  timeoutMs: number;
  retries: number;
  /** e.g. `interview_votes`. */
  artifactType: ArtifactTypeName;
}

export interface VoteRoundResult {
  record: VotesRecord;
  result: CouncilResult;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

function pendingVoter(member: CouncilMember, presentation: Presentation): VoterMember {
  return { ...pendingCall(member), presentation, votes: [] };
}

/**
 * The vote step of a council round (workflow.md §5.3–§5.5): every member scores the valid drafts, anonymized as
 * `Draft 1..k` in its own seeded order, with tools disabled and the same retry and deadline rules as drafting. Each
 * outcome is written as it arrives; on re-entry completed voters are not asked again and pending ones keep their
 * stored order. Throws `QUORUM_NOT_MET` when too few voters complete or no winner can be chosen.
 */
export async function runVotes<T>(deps: VoteRoundDeps, input: VoteRoundInput<T>): Promise<VoteRoundResult> {
  const { ctx, domain, phase } = input;
  const label = DOMAIN_LABELS[domain];
  const rubric = input.rubric ?? RUBRICS[domain];
  const drafts = validDrafts(input.drafts);
  const draftMemberIds = drafts.map((d) => d.memberId);
  if (drafts.length === 0) {
    throw new PhaseError(`${label} council vote has no valid draft to score`, ['QUORUM_NOT_MET'], {
      step: 'vote',
      domain,
      phase,
    });
  }
  const at = { ...ctx, phase, artifactType: input.artifactType };
  const stored = await loadRecord(deps.artifacts, at, VotesRecord);
  const usable = stored && sameIds(stored.draftMemberIds, draftMemberIds) ? stored : null; // drafts changed: start over
  if (usable?.result) return { record: usable, result: usable.result };

  const newSeed = deps.newSeed ?? randomUUID;
  const voters = input.members.map((member) => {
    const previous = usable?.voters.find((v) => v.memberId === member.modelId);
    if (previous?.status === 'completed') return previous;
    return pendingVoter(member, previous?.presentation ?? presentDrafts(draftMemberIds, newSeed()));
  });
  const record = (): VotesRecord => ({
    schemaVersion: 1,
    domain,
    phase,
    phaseAttempt: ctx.phaseAttempt,
    minQuorum: input.minQuorum,
    draftMemberIds,
    voters,
    quorum: null,
    result: null,
  });
  const writer = createRecordWriter(deps.artifacts, at);
  await writer.save(record());

  const render = input.renderDraft ?? ((content: T) => stringify(content));
  const texts = new Map(
    drafts.map((d) => [d.memberId, { text: render(d.content), steeredByOperator: d.steeredByOperator }]),
  );
  const deadlineMs = deps.clock.now().getTime() + input.timeoutMs;
  const runs = input.members.map(async (member, index) => {
    const voter = voters[index];
    if (!voter || voter.status === 'completed') return;
    const { presentation } = voter;
    const labels = presentation.order.map((_, i) => draftLabel(i));
    const startedAt = deps.clock.now();
    const result = await callMember(deps.opencode, {
      run: {
        ticket: ctx.ticket,
        phase,
        phaseAttempt: ctx.phaseAttempt,
        memberId: member.modelId,
        title: `${ctx.ticket.externalId} · ${domain} vote · ${member.modelId}`,
        model: member.modelId,
        variant: member.variant,
        text: input.buildPrompt(member, labelDrafts(presentation, texts), rubric),
        tools: { ...DISABLED_TOOLS },
        signal: ctx.signal,
      },
      spec: {
        schema: scorecardSchema(rubric, labels),
        rootKeys: ['draft_scores'],
        formatReminder: scorecardFormatReminder(rubric, labels),
      },
      retries: input.retries,
      deadlineMs,
      clock: deps.clock,
    });
    const call = finishedCall(member, result, startedAt, deps.clock.now());
    if (result.outcome !== 'completed') {
      voters[index] = { ...call, presentation, votes: [] };
      await writer.save(record());
      return;
    }
    const votes = labels.flatMap((draft): DraftVote[] => {
      const draftMemberId = memberForLabel(presentation, draft);
      const score = result.value.scorecard[draft];
      return draftMemberId && score
        ? [{ draftMemberId, label: draft, scores: score.scores, totalScore: score.totalScore }]
        : [];
    });
    const normalized = result.value.warnings.map((detail) => ({
      category: 'cleanup',
      stage: 'normalize',
      rule: 'vote_scorecard',
      detail,
    }));
    voters[index] = { ...call, warnings: [...call.warnings, ...normalized], presentation, votes };
    await writer.save(record());
  });
  const settled = await Promise.allSettled(runs);
  const crash = settled.find((s) => s.status === 'rejected');
  if (crash) throw crash.reason; // cancellation or our own failure: stored rows stay as they are

  const quorum = checkVoteQuorum(
    voters.map((v) => ({ memberId: v.memberId, status: v.status, voteCount: v.votes.length, error: v.error })),
    input.minQuorum,
  );
  await writer.save({ ...record(), quorum });
  if (!quorum.met) {
    throw new PhaseError(`${label} council vote did not reach quorum: ${quorum.summary}`, ['QUORUM_NOT_MET'], {
      step: 'vote',
      domain,
      phase,
      required: quorum.required,
      counted: quorum.counted,
      members: quorum.members,
    });
  }
  const selection = chooseWinner(voters, input.members, draftMemberIds, label, { domain, phase });
  const result = buildCouncilResult({
    selection,
    councilSize: input.members.length,
    drafts: input.drafts.members,
    voters,
  });
  const final = { ...record(), quorum, result };
  await writer.save(final);
  return { record: final, result };
}

function chooseWinner(
  voters: readonly VoterMember[],
  members: readonly CouncilMember[],
  draftMemberIds: readonly string[],
  phaseLabel: string,
  where: { domain: CouncilDomain; phase: string },
) {
  const votes = voters
    .filter((v) => v.status === 'completed')
    .flatMap((v) => v.votes.map((vote) => ({ voterId: v.memberId, ...vote })));
  try {
    return selectWinner({ votes, council: members.map((m) => m.modelId), draftMemberIds, phaseLabel });
  } catch (error) {
    if (!(error instanceof WinnerSelectionError)) throw error;
    throw new PhaseError(error.message, ['QUORUM_NOT_MET'], {
      step: 'vote',
      ...where,
      reason: error.kind,
      winnerId: error.winnerId,
    });
  }
}
