import type { RouterOutputs } from '@looptroop/core';

type PlanningReview = RouterOutputs['planning']['review'];
type Coverage = NonNullable<PlanningReview['coverage']>;
type Council = NonNullable<PlanningReview['council']>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : /s$/i.test(word) ? 'es' : 's'}`;

/**
 * The coverage audit's result. Gaps left when the loop hit its cap are shouted, never folded away (workflow.md §5.7:
 * they are shown at approval, and approving accepts them).
 */
export function describeCoverage(coverage: Coverage | null): string[] {
  if (!coverage) return ['Coverage  not audited yet'];
  const passes = `${plural(coverage.passes.length, 'pass')} of at most ${coverage.maxPasses}`;
  const revisions = coverage.passes.filter((pass) => pass.revised).length;
  const revised = revisions ? `, ${plural(revisions, 'revision')}` : '';
  if (coverage.status === 'clean') return [`Coverage  clean after ${passes}${revised}`];
  const gaps = coverage.gaps.map((gap) => `  ⚠ ${gap}`);
  if (coverage.limitReached) {
    return [
      `Coverage  ⚠ ${plural(coverage.gaps.length, 'GAP').toUpperCase()} LEFT: the audit stopped at its cap (${passes}${revised}); approving accepts them`,
      ...gaps,
    ];
  }
  return [`Coverage  ${plural(coverage.gaps.length, 'gap')} found (${passes}${revised})`, ...gaps];
}

function describeMember(member: Council['members'][number], winnerId: string | null): string {
  const score =
    member.totalScore === null ? '' : `, score ${member.totalScore}${member.rank ? ` (#${member.rank})` : ''}`;
  const vote = member.voteStatus ? `, vote ${member.voteStatus}` : '';
  const error = member.error ? ` — ${member.error}` : '';
  const winner = member.memberId === winnerId ? '★ ' : '  ';
  return `  ${winner}${member.memberId}: draft ${member.draftStatus}${vote}${score}${error}`;
}

/** Who drafted, how they scored, who won, and whether the round ran without its full quorum. */
export function describeCouncil(council: Council | null): string[] {
  if (!council) return ['Council   no council record yet'];
  const winner = council.winnerId ? `winner ${council.winnerId}` : 'no winner yet';
  const degraded = council.degraded ? ' — ⚠ DEGRADED: not every member took part' : '';
  return [
    `Council   ${winner} of ${plural(council.members.length, 'member')}${degraded}`,
    ...council.members.map((member) => describeMember(member, council.winnerId)),
  ];
}

/** The hash an approval sends back, so a reader can tell which version was reviewed. */
export function describeHash(review: Pick<PlanningReview, 'contentSha256' | 'candidateVersion'>): string {
  return `Content   sha256 ${review.contentSha256 ?? '(none)'} (version ${review.candidateVersion})`;
}
