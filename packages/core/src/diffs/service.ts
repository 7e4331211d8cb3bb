import type { ArtifactService } from '../artifacts/service.ts';
import { readPlan } from '../beads/plan-store.ts';
import { beadDiffType } from '../coding/index.ts';
import { candidateDiff } from '../delivery/candidate-diff.ts';
import { notFound } from '../errors.ts';
import type { GitPort } from '../git/port.ts';
import { pathExists } from '../lib/path-exists.ts';
import type { TicketService } from '../tickets/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { BeadDiff, TicketDiff } from './schema.ts';
import { diffStats } from './unified-stats.ts';

export interface DiffServiceDeps {
  tickets: TicketService;
  artifacts: ArtifactService;
  git: GitPort;
}

/** The net diff the viewer shows is capped like the PR's candidate diff; stats then describe the part served. */
const MAX_NET_DIFF_CHARS = 2_000_000;

/** Reading the code changes of a ticket: one bead's captured diff, or the whole ticket's net diff (§10.6, §10.10). */
export function createDiffService(deps: DiffServiceDeps) {
  const { tickets, artifacts, git } = deps;

  /** api-reference.txt `GET /api/tickets/:id/beads/:beadId/diff`: the latest capture; 404 until a bead has one. */
  async function beadDiff(ref: string, beadId: string): Promise<BeadDiff> {
    const ticket = await tickets.resolve(ref);
    const artifact = await artifacts.latest(ticket, beadDiffType(beadId));
    if (artifact) return { ...artifact, beadId, ...diffStats(artifact.content) };
    const plan = ticket.worktreePath ? await readPlan(artifacts, ticket) : null;
    const known = plan?.beads.some((b) => b.id === beadId) ?? false;
    throw known
      ? notFound(`Diff for bead ${beadId}`, { beadId, reason: 'The bead has no captured diff yet' })
      : notFound(`Bead ${beadId}`, { beadId });
  }

  /** The PR's recorded net diff (§10.10 `candidate_diff`) once cleanup has removed the worktree. */
  async function recordedDiff(ticket: TicketRow, baseBranch: string): Promise<TicketDiff | null> {
    const stored = await artifacts.latest(ticket, 'candidate_diff');
    if (!stored) return null;
    const recorded = JSON.parse(stored.content) as {
      mergeBase: string;
      candidateSha: string;
      patch: string;
      truncated: boolean;
    };
    return {
      ticketId: ticket.externalId,
      baseBranch,
      mergeBase: recorded.mergeBase,
      head: recorded.candidateSha,
      content: recorded.patch,
      truncated: recorded.truncated,
      source: 'candidate_diff',
      ...diffStats(recorded.patch),
    };
  }

  /**
   * The ticket's net code diff: its branch HEAD against the merge base with the base branch, so commits that land on
   * the base meanwhile do not show up as the ticket's. `.ticket/**` and `.looptroop/**` never appear (§10.1), the same
   * pathspecs and the same capped diff as the pull request's candidate diff.
   */
  async function ticketDiff(ref: string): Promise<TicketDiff> {
    const ticket = await tickets.resolve(ref);
    const baseBranch = ticket.baseBranch ?? 'main';
    const worktree = ticket.worktreePath;
    if (!worktree || !(await pathExists(worktree))) {
      const recorded = await recordedDiff(ticket, baseBranch);
      if (recorded) return recorded;
      throw notFound('Ticket workspace', { ticketId: ticket.externalId, reason: 'The ticket has no worktree' });
    }
    const head = await git.head(worktree);
    const mergeBase = await git.mergeBase(worktree, baseBranch, head);
    if (!mergeBase) {
      throw notFound(`Merge base with ${baseBranch}`, { ticketId: ticket.externalId, baseBranch });
    }
    const diff = await candidateDiff(worktree, mergeBase, head, MAX_NET_DIFF_CHARS);
    return {
      ticketId: ticket.externalId,
      baseBranch,
      mergeBase,
      head,
      content: diff.patch,
      truncated: diff.truncated,
      source: 'worktree',
      ...diffStats(diff.patch),
    };
  }

  return { beadDiff, ticketDiff };
}

export type DiffService = ReturnType<typeof createDiffService>;
