import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import { PhaseError } from '../lifecycle/phase.ts';
import { type CouncilDomain, DOMAIN_LABELS } from './domain.ts';
import { type CouncilSpec, callMember, finishedCall, pendingCall } from './member-call.ts';
import { checkDraftQuorum } from './quorum.ts';
import { createRecordWriter, loadRecord } from './record-store.ts';
import type { CouncilContext, CouncilDeps } from './round.ts';
import {
  type CouncilMember,
  type DraftMetrics,
  DraftsRecord,
  type TypedDraftMember,
  type TypedDraftsRecord,
} from './schema.ts';
import { READ_ONLY_TOOLS } from './tools.ts';

export interface DraftRoundInput<T> {
  ctx: CouncilContext;
  domain: CouncilDomain;
  /** The status the round runs in, e.g. `COUNCIL_DELIBERATING`. */
  phase: string;
  /** Council order, main implementer first. */
  members: readonly CouncilMember[];
  buildPrompt: (member: CouncilMember) => string;
  spec: CouncilSpec<T>;
  /** workflow.md §5.2.4: counts stored with each valid draft. */
  measure?: (draft: T) => DraftMetrics;
  minQuorum: number;
  /** The round's shared budget (`councilResponseTimeout`, in ms). */
  timeoutMs: number;
  retries: number;
  /** e.g. `interview_drafts`. */
  artifactType: ArtifactTypeName;
  tools?: Readonly<Record<string, boolean>>;
}

function pendingDraft<T>(member: CouncilMember): TypedDraftMember<T> {
  return { ...pendingCall(member), content: null, metrics: {}, steeredByOperator: false };
}

async function loadDrafts<T>(deps: CouncilDeps, input: DraftRoundInput<T>): Promise<TypedDraftsRecord<T> | null> {
  const at = { ...input.ctx, phase: input.phase, artifactType: input.artifactType };
  const stored = await loadRecord(deps.artifacts, at, DraftsRecord);
  // Each content was validated by `spec.schema` before this attempt stored it; the artifact is our own.
  return stored as TypedDraftsRecord<T> | null;
}

export interface ValidDraft<T> {
  memberId: string;
  content: T;
  steeredByOperator: boolean;
}

/** workflow.md §5.2.4: only completed drafts with content count, in council order. */
export function validDrafts<T>(record: TypedDraftsRecord<T>): ValidDraft<T>[] {
  return record.members.flatMap((m) =>
    m.status === 'completed' && m.content != null
      ? [{ memberId: m.memberId, content: m.content, steeredByOperator: m.steeredByOperator }]
      : [],
  );
}

/**
 * The draft step of a council round (workflow.md §5.2, §5.3, §5.8): every member drafts in parallel in its own fresh
 * session under one shared deadline. Each outcome is written to the drafts artifact as it arrives, so a restart keeps
 * finished drafts; on re-entry only members without a completed draft run again. Throws `QUORUM_NOT_MET` when fewer
 * than `minQuorum` valid drafts exist, listing why each member failed.
 */
export async function runDrafts<T>(deps: CouncilDeps, input: DraftRoundInput<T>): Promise<TypedDraftsRecord<T>> {
  const { ctx, domain, phase } = input;
  const stored = await loadDrafts(deps, input);
  if (stored?.quorum?.met) return stored; // the round already ended in this attempt
  const completed = (stored?.members ?? []).filter((m) => m.status === 'completed' && m.content != null);
  const kept = new Map(completed.map((m) => [m.memberId, m]));
  const rows = input.members.map((m) => kept.get(m.modelId) ?? pendingDraft<T>(m));
  const record = (): TypedDraftsRecord<T> => ({
    schemaVersion: 1,
    domain,
    phase,
    phaseAttempt: ctx.phaseAttempt,
    minQuorum: input.minQuorum,
    members: rows,
    quorum: null,
  });
  const writer = createRecordWriter(deps.artifacts, { ...ctx, phase, artifactType: input.artifactType });
  await writer.save(record());

  const deadlineMs = deps.clock.now().getTime() + input.timeoutMs;
  const runs = input.members.map(async (member, index) => {
    if (kept.has(member.modelId)) return;
    const startedAt = deps.clock.now();
    const result = await callMember(deps.opencode, {
      run: {
        ticket: ctx.ticket,
        phase,
        phaseAttempt: ctx.phaseAttempt,
        memberId: member.modelId,
        title: `${ctx.ticket.externalId} · ${domain} draft · ${member.modelId}`,
        model: member.modelId,
        variant: member.variant,
        text: input.buildPrompt(member),
        tools: { ...(input.tools ?? READ_ONLY_TOOLS) },
        signal: ctx.signal,
      },
      spec: input.spec,
      retries: input.retries,
      deadlineMs,
      clock: deps.clock,
    });
    const completed = result.outcome === 'completed';
    rows[index] = {
      ...finishedCall(member, result, startedAt, deps.clock.now()),
      content: completed ? result.value : null,
      metrics: completed && input.measure ? input.measure(result.value) : {},
      steeredByOperator: false,
    };
    await writer.save(record());
  });
  const settled = await Promise.allSettled(runs);
  const crash = settled.find((s) => s.status === 'rejected');
  if (crash) throw crash.reason; // cancellation or our own failure: stored rows stay as they are

  const quorum = checkDraftQuorum(
    rows.map((r) => ({ memberId: r.memberId, status: r.status, hasContent: r.content != null, error: r.error })),
    input.minQuorum,
  );
  const final = { ...record(), quorum };
  await writer.save(final);
  if (!quorum.met) {
    throw new PhaseError(
      `${DOMAIN_LABELS[domain]} council drafting did not reach quorum: ${quorum.summary}`,
      ['QUORUM_NOT_MET'],
      {
        step: 'draft',
        domain,
        phase,
        required: quorum.required,
        counted: quorum.counted,
        members: quorum.members,
      },
    );
  }
  return final;
}
