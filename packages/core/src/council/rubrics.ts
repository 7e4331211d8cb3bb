import type { CouncilDomain } from './domain.ts';

/** workflow.md §5.4: every category is an integer 0–20, and the five add up to `total_score` (0–100). */
export const MAX_CATEGORY_SCORE = 20;
export const MAX_TOTAL_SCORE = 100;

export interface RubricCategory {
  /** The exact key a voter writes in `draft_scores`. */
  name: string;
  /** What the voter should look for, in one sentence. */
  guidance: string;
}

export type Rubric = readonly RubricCategory[];

/** workflow.md §5.4: the five scoring categories of each domain, in prompt order. */
export const RUBRICS: Record<CouncilDomain, Rubric> = {
  interview: [
    {
      name: 'Coverage of requirements',
      guidance:
        'The questions reach every area a PRD will need: features, constraints, non-goals, acceptance criteria.',
    },
    {
      name: 'Correctness / feasibility',
      guidance: 'Each question is unambiguous, well formed and answerable by the person who asked for the ticket.',
    },
    {
      name: 'Testability',
      guidance: 'The answers would turn into measurable, verifiable requirements.',
    },
    {
      name: 'Minimal complexity / good decomposition',
      guidance: 'The list flows Foundation → Structure → Assembly with no redundant or low-value questions.',
    },
    {
      name: 'Risks / edge cases addressed',
      guidance: 'The questions bring out failure modes, constraints, non-goals and likely blockers.',
    },
  ],
  prd: [
    {
      name: 'Coverage of requirements',
      guidance: 'The PRD covers every interview result: features, constraints, non-goals and acceptance criteria.',
    },
    {
      name: 'Correctness / feasibility',
      guidance: 'The requirements are technically sound, consistent with each other and achievable.',
    },
    {
      name: 'Testability',
      guidance: 'Every requirement and acceptance criterion is specific and can be verified.',
    },
    {
      name: 'Minimal complexity / good decomposition',
      guidance: 'Epics and user stories are well scoped, free of duplicates and carry concrete implementation steps.',
    },
    {
      name: 'Risks / edge cases addressed',
      guidance: 'Error states, performance, security and failure modes are written down explicitly.',
    },
  ],
  beads: [
    {
      name: 'Coverage of PRD requirements',
      guidance: 'Every in-scope story and acceptance criterion maps to at least one bead with a way to verify it.',
    },
    {
      name: 'Correctness / feasibility of technical approach',
      guidance:
        'The approach is sound and the commands are valid and runnable; a command unrelated to its bead, or one that ' +
        'assumes an ecosystem nobody observed in the repository, is a correctness defect.',
    },
    {
      name: 'Quality and isolation of bead-scoped tests',
      guidance: 'Each bead names its own targeted tests with clear pass/fail criteria, not the whole suite.',
    },
    {
      name: 'Minimal complexity / good dependency management',
      guidance: 'Beads are the smallest completable units, with no cycles and no missing dependency edges.',
    },
    {
      name: 'Risks / edge cases addressed',
      guidance: 'Failure modes, retries, PRD edge cases and anti-patterns are captured in the bead guidance.',
    },
  ],
};

/** The rubric as prompt text: one bullet per category with its points. */
export function describeRubric(rubric: Rubric): string {
  return rubric.map((c) => `- ${c.name} (0–${MAX_CATEGORY_SCORE} pts): ${c.guidance}`).join('\n');
}
