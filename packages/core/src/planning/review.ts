import { z } from 'zod';
import type { ArtifactType } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import { DraftsRecord, VotesRecord } from '../council/index.ts';
import type { TicketService } from '../tickets/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { CoveragePassRecord } from './coverage-loop.ts';
import { type CouncilSummary, type CoverageSummary, type PlanningReview, ReviewDomain } from './schema.ts';

const PHASES = {
  interview: {
    drafts: ['interview_drafts', 'COUNCIL_DELIBERATING'],
    votes: ['interview_votes', 'COUNCIL_VOTING_INTERVIEW'],
    refined: ['interview_refined', 'COMPILING_INTERVIEW'],
    coverage: ['interview_coverage', 'VERIFYING_INTERVIEW_COVERAGE'],
    revision: null,
  },
  prd: {
    drafts: ['prd_drafts', 'DRAFTING_PRD'],
    votes: ['prd_votes', 'COUNCIL_VOTING_PRD'],
    refined: ['prd_refined', 'REFINING_PRD'],
    coverage: ['prd_coverage', 'VERIFYING_PRD_COVERAGE'],
    revision: ['prd_revision', 'VERIFYING_PRD_COVERAGE'],
  },
  beads: {
    drafts: ['beads_drafts', 'DRAFTING_BEADS'],
    votes: ['beads_votes', 'COUNCIL_VOTING_BEADS'],
    refined: ['beads_refined', 'REFINING_BEADS'],
    coverage: ['beads_coverage', 'VERIFYING_BEADS_COVERAGE'],
    revision: ['beads_revision', 'VERIFYING_BEADS_COVERAGE'],
  },
} as const;

const json = (text: string | undefined): unknown => {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The interview's coverage records predate the shared pass record; read both shapes. */
const InterviewPass = z.object({
  coverageRunNumber: z.number().int().default(1),
  maxCoveragePasses: z.number().int().default(1),
  parsed: z.object({ status: z.enum(['clean', 'gaps']), gaps: z.array(z.string()) }).optional(),
  status: z.enum(['clean', 'gaps']).optional(),
  gaps: z.array(z.string()).optional(),
  limitReached: z.boolean().default(false),
  terminationReason: z.string().default('clean'),
});

/** What an approval editor needs beside the document: hash, coverage result and the council record. */
export function createPlanningReview(deps: {
  tickets: TicketService;
  artifacts: ArtifactService;
  isFixing: (ticketId: number) => boolean;
}) {
  const { artifacts } = deps;

  async function latestIn(ticket: TicketRow, [type, phase]: readonly [ArtifactType, string]) {
    const attempt = await artifacts.activeAttempt(ticket, phase);
    return artifacts.list(ticket, { phase, phaseAttempt: attempt, artifactType: type });
  }

  async function coverage(ticket: TicketRow, domain: ReviewDomain): Promise<CoverageSummary | null> {
    const [type, phase] = PHASES[domain].coverage;
    const rows = await latestIn(ticket, [type, phase]);
    const passes = rows.flatMap((row) => {
      const value = json(row.content);
      const shared = CoveragePassRecord.safeParse(value);
      if (shared.success) return [{ ...shared.data, runNumber: shared.data.coverageRunNumber }];
      const legacy = InterviewPass.safeParse(value);
      if (!legacy.success) return [];
      const status = legacy.data.parsed?.status ?? legacy.data.status ?? 'clean';
      return [
        {
          runNumber: legacy.data.coverageRunNumber,
          maxCoveragePasses: legacy.data.maxCoveragePasses,
          status,
          gaps: legacy.data.parsed?.gaps ?? legacy.data.gaps ?? [],
          limitReached: legacy.data.limitReached,
          terminationReason: legacy.data.terminationReason,
          revised: domain === 'interview' && status === 'gaps' && !legacy.data.limitReached,
        },
      ];
    });
    const last = passes.at(-1);
    if (!last) return null;
    return {
      passes: passes.map((p) => ({ runNumber: p.runNumber, status: p.status, gaps: p.gaps, revised: p.revised })),
      maxPasses: last.maxCoveragePasses,
      status: last.status,
      limitReached: last.limitReached,
      terminationReason: last.terminationReason,
      gaps: last.status === 'gaps' ? last.gaps : [],
    };
  }

  async function council(ticket: TicketRow, domain: ReviewDomain): Promise<CouncilSummary | null> {
    const spec = PHASES[domain];
    const drafts = DraftsRecord.safeParse(json((await latestIn(ticket, spec.drafts)).at(-1)?.content));
    if (!drafts.success) return null;
    const votes = VotesRecord.safeParse(json((await latestIn(ticket, spec.votes)).at(-1)?.content));
    const refined = json((await latestIn(ticket, spec.refined)).at(-1)?.content) as { changes?: unknown } | undefined;
    const result = votes.success ? votes.data.result : null;
    return {
      winnerId: result?.winnerId ?? null,
      degraded: result?.degraded ?? false,
      members: drafts.data.members.map((m) => {
        const voter = votes.success ? votes.data.voters.find((v) => v.memberId === m.memberId) : undefined;
        const total = result?.totals.find((t) => t.memberId === m.memberId);
        return {
          memberId: m.memberId,
          draftStatus: m.status,
          voteStatus: voter?.status ?? null,
          totalScore: total?.totalScore ?? null,
          rank: total?.rank ?? null,
          error: m.error ?? voter?.error ?? null,
        };
      }),
      changes: Array.isArray(refined?.changes) ? refined.changes : [],
    };
  }

  async function fullAnswers(ticket: TicketRow, winnerId: string | null): Promise<string | null> {
    const stored = json((await latestIn(ticket, ['prd_full_answers', 'DRAFTING_PRD'])).at(-1)?.content) as
      | { members?: { memberId: string; content: string | null }[] }
      | undefined;
    return stored?.members?.find((m) => m.memberId === winnerId)?.content ?? null;
  }

  async function review(ref: string, domain: ReviewDomain): Promise<PlanningReview> {
    const ticket = await deps.tickets.resolve(ref);
    const artifactType = domain;
    const current = await artifacts.latest(ticket, artifactType);
    const summary = await council(ticket, domain);
    const revision = PHASES[domain].revision;
    const revisions = revision ? (await latestIn(ticket, revision)).length : 0;
    return {
      ticketId: ticket.externalId,
      domain,
      ticketStatus: ticket.status,
      artifactType,
      exists: current !== undefined,
      raw: current?.content ?? null,
      contentSha256: current?.contentSha256 ?? null,
      candidateVersion: current ? 1 + revisions : 0,
      coverage: await coverage(ticket, domain),
      council: summary,
      fullAnswers: domain === 'prd' ? await fullAnswers(ticket, summary?.winnerId ?? null) : null,
      fixRunning: deps.isFixing(ticket.id),
    };
  }

  /** The coverage gaps still open on a domain's document (empty when clean or never audited). */
  async function openGaps(ticket: TicketRow, domain: string): Promise<string[]> {
    const parsed = ReviewDomain.safeParse(domain);
    return parsed.success ? ((await coverage(ticket, parsed.data))?.gaps ?? []) : [];
  }

  return { review, openGaps };
}

export type PlanningReviewService = ReturnType<typeof createPlanningReview>;
