import type { WinnerTotal } from './schema.ts';

/** One valid vote: a completed voter's total for one draft, by the member who wrote it. */
export interface ScoredVote {
  voterId: string;
  draftMemberId: string;
  totalScore: number;
}

export interface WinnerSelection {
  winnerId: string;
  /** Every scored draft, best first (`rank` 1 is the winner). */
  totals: WinnerTotal[];
  /** Members whose sum equalled the winner's and lost the tie-break (council order). */
  tiedWith: string[];
}

export type WinnerErrorKind = 'no_draft_scored' | 'winner_without_draft';

/** workflow.md §5.5 step 4: the round cannot produce a winner to refine. */
export class WinnerSelectionError extends Error {
  override readonly name = 'WinnerSelectionError';
  constructor(
    readonly kind: WinnerErrorKind,
    message: string,
    readonly winnerId: string | null,
  ) {
    super(message);
  }
}

/**
 * workflow.md §5.5: sum each draft's totals over the valid votes; the highest sum wins. Ties go to the member
 * earliest in council order, which puts the main implementer (council[0]) first. A draft by a model outside the
 * council ranks after every council draft. Sorting is total, so the result never depends on vote arrival order.
 */
export function selectWinner(input: {
  votes: readonly ScoredVote[];
  /** Council order, main implementer first (workflow.md §5.1). */
  council: readonly string[];
  /** Members with a valid draft the refine step can use. */
  draftMemberIds: readonly string[];
  /** For the error message, e.g. "Interview". */
  phaseLabel: string;
}): WinnerSelection {
  const sums = new Map<string, { totalScore: number; voteCount: number }>();
  for (const vote of input.votes) {
    const sum = sums.get(vote.draftMemberId) ?? { totalScore: 0, voteCount: 0 };
    sums.set(vote.draftMemberId, { totalScore: sum.totalScore + vote.totalScore, voteCount: sum.voteCount + 1 });
  }
  if (sums.size === 0) {
    throw new WinnerSelectionError('no_draft_scored', `${input.phaseLabel} vote scored no draft`, null);
  }
  const councilIndex = (id: string) => {
    const index = input.council.indexOf(id);
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  const ranked = [...sums.entries()]
    .map(([memberId, sum]) => ({ memberId, ...sum, inCouncil: input.council.includes(memberId) }))
    .sort(
      (a, b) =>
        Number(b.inCouncil) - Number(a.inCouncil) ||
        b.totalScore - a.totalScore ||
        councilIndex(a.memberId) - councilIndex(b.memberId) ||
        (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
    );
  const totals = ranked.map((r, index) => ({ ...r, rank: index + 1 }));
  const [best] = totals;
  if (!best) throw new WinnerSelectionError('no_draft_scored', `${input.phaseLabel} vote scored no draft`, null);
  if (!input.draftMemberIds.includes(best.memberId)) {
    throw new WinnerSelectionError(
      'winner_without_draft',
      `${input.phaseLabel} winner ${best.memberId} has no matching draft — cannot refine`,
      best.memberId,
    );
  }
  const tiedWith = totals
    .slice(1)
    .filter((t) => t.inCouncil === best.inCouncil && t.totalScore === best.totalScore)
    .map((t) => t.memberId);
  return { winnerId: best.memberId, totals, tiedWith };
}
