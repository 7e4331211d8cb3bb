import type { Reply, Rule, Scenario } from '../scripted-model/index.ts';

// Scenario building blocks shared by integration tests and the demo: each answers one phase of LoopTroop's prompts
// (matched by the `[[phase:STATUS]]` tag every prompt carries) with a valid artifact.

const tag = (name: string, body: string) => `<${name}>\n${body.trim()}\n</${name}>`;

export const replies = {
  relevantFiles: (paths: string[] = ['src/index.js', 'README.md']): Reply => ({
    text: tag(
      'RELEVANT_FILES_RESULT',
      `file_count: ${paths.length}\nfiles:\n${paths
        .map(
          (p, i) =>
            `  - path: ${p}\n    rationale: File ${i + 1} matters for this ticket.\n    relevance: ${i === 0 ? 'high' : 'medium'}\n    likely_action: ${i === 0 ? 'modify' : 'read'}`,
        )
        .join('\n')}`,
    ),
  }),
  interviewDraft: (): Reply => ({
    text: [
      'questions:',
      '  - id: Q1',
      '    phase: foundation',
      '    question: Who will use this feature?',
      '  - id: Q2',
      '    phase: structure',
      '    question: Which login methods must be supported?',
      '  - id: Q3',
      '    phase: assembly',
      '    question: How long should a session last?',
    ].join('\n'),
  }),
  /** Equal scores for every draft: the tie goes to the main implementer (workflow.md §5.5). */
  interviewVote: (drafts = 3): Reply => ({
    text: `draft_scores:\n${Array.from({ length: drafts }, (_, i) => {
      const s = 18;
      return `  "Draft ${i + 1}":\n    Coverage of requirements: ${s}\n    Correctness / feasibility: ${s}\n    Testability: ${s}\n    Minimal complexity / good decomposition: ${s}\n    Risks / edge cases addressed: ${s}\n    total_score: ${s * 5}`;
    }).join('\n')}`,
  }),
  interviewRefine: (): Reply => ({
    text: [
      'questions:',
      '  - id: Q01',
      '    phase: foundation',
      '    question: Who will use this feature?',
      '  - id: Q02',
      '    phase: structure',
      '    question: Which login methods must be supported?',
      '  - id: Q03',
      '    phase: assembly',
      '    question: How long should a session last?',
      'changes: []',
    ].join('\n'),
  }),
  interviewBatch1: (): Reply => ({
    text: tag(
      'INTERVIEW_BATCH',
      `batch_number: 1
progress: { current: 1, total: 3 }
is_final_free_form: false
ai_commentary: Start with the users and the login methods.
questions:
  - id: Q01
    question: Who will use this feature?
    phase: Foundation
    priority: high
    rationale: Scope depends on the audience.
    answer_type: free_text
  - id: Q02
    question: Which login methods must be supported?
    phase: Structure
    priority: high
    rationale: Drives the implementation.
    answer_type: multiple_choice
    options:
      - { id: opt-password, label: Password }
      - { id: opt-sso, label: SSO }`,
    ),
  }),
  interviewBatch2: (): Reply => ({
    text: tag(
      'INTERVIEW_BATCH',
      `batch_number: 2
progress: { current: 2, total: 3 }
is_final_free_form: false
ai_commentary: One more about sessions.
questions:
  - id: Q03
    question: How long should a session last?
    phase: Assembly
    priority: medium
    rationale: Needed for acceptance criteria.
    answer_type: single_choice
    options:
      - { id: opt-1h, label: One hour }
      - { id: opt-1d, label: One day }`,
    ),
  }),
  interviewFinal: (): Reply => ({
    text: tag(
      'INTERVIEW_BATCH',
      `batch_number: 3
progress: { current: 3, total: 3 }
is_final_free_form: true
ai_commentary: Last question before the PRD.
questions:
  - id: QFF1
    question: Anything else to add before PRD generation?
    phase: Assembly
    priority: low
    rationale: Catch-all.
    answer_type: free_text`,
    ),
  }),
  interviewComplete: (): Reply => ({
    text: tag(
      'INTERVIEW_COMPLETE',
      `summary:
  goals: [Users can log in with password or SSO]
  constraints: [Sessions expire]
  non_goals: [Social login]
  final_free_form_answer: ""`,
    ),
  }),
  coverageGaps: (): Reply => ({
    text: `status: gaps
gaps:
  - "The session expiry behaviour for idle users is unclear."
follow_up_questions:
  - id: CFU1
    question: Should idle sessions expire earlier than active ones?
    phase: Assembly
    priority: high
    rationale: Closes the expiry gap.
    answer_type: yes_no`,
  }),
  coverageClean: (): Reply => ({ text: 'status: clean\ngaps: []\nfollow_up_questions: []' }),
};

const phase = (status: string, reply: Reply | Reply[], extra: Partial<Rule['match']> = {}, times?: number): Rule => ({
  name: status,
  match: { phase: status, ...extra },
  reply,
  ...(times !== undefined && { times }),
});

/** Every phase from the relevant-files scan to interview approval, with one coverage follow-up round. */
export function interviewScenario(): Scenario & { rules: Rule[] } {
  return {
    rules: [
      phase('SCANNING_RELEVANT_FILES', replies.relevantFiles()),
      phase('COUNCIL_DELIBERATING', replies.interviewDraft()),
      // Voters see as many drafts as were valid: answer for three, else for two.
      phase('COUNCIL_VOTING_INTERVIEW', replies.interviewVote(3), { regex: '### Draft 3' }),
      phase('COUNCIL_VOTING_INTERVIEW', replies.interviewVote(2)),
      phase('COMPILING_INTERVIEW', replies.interviewRefine()),
      phase('WAITING_INTERVIEW_ANSWERS', replies.interviewBatch1(), { marker: '## Compiled checklist' }),
      phase('WAITING_INTERVIEW_ANSWERS', replies.interviewBatch2(), { marker: 'Answers for batch 1' }),
      phase('WAITING_INTERVIEW_ANSWERS', replies.interviewFinal(), { marker: 'Answers for batch 2' }),
      phase('WAITING_INTERVIEW_ANSWERS', replies.interviewComplete(), { marker: 'Answers for batch 3' }),
      phase('VERIFYING_INTERVIEW_COVERAGE', [replies.coverageGaps(), replies.coverageClean()]),
    ],
  };
}

export { phase as phaseRule };
