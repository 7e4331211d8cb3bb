import type { Reply, Rule, Scenario } from '../scripted-model/index.ts';
import { interviewScenario, phaseRule } from './interview.ts';

// The PRD and beads phases (workflow.md §8–9) answered with valid artifacts, so a ticket can be driven from an
// approved interview to WAITING_PRD_APPROVAL and WAITING_BEADS_APPROVAL by the real OpenCode binary.

const PRD_RUBRIC = [
  'Coverage of requirements',
  'Correctness / feasibility',
  'Testability',
  'Minimal complexity / good decomposition',
  'Risks / edge cases addressed',
];
const BEADS_RUBRIC = [
  'Coverage of PRD requirements',
  'Correctness / feasibility of technical approach',
  'Quality and isolation of bead-scoped tests',
  'Minimal complexity / good dependency management',
  'Risks / edge cases addressed',
];

/** Equal scores for every draft: the tie goes to the main implementer (workflow.md §5.5). */
function vote(categories: string[], drafts: number): Reply {
  const s = 17;
  return {
    text: `draft_scores:\n${Array.from(
      { length: drafts },
      (_, i) =>
        `  "Draft ${i + 1}":\n${categories.map((c) => `    ${c}: ${s}`).join('\n')}\n    total_score: ${s * categories.length}`,
    ).join('\n')}`,
  };
}

const prdBody = (extraStory: boolean) => `product:
  problem_statement: Users cannot log in, so nothing they do is saved.
  target_users: [Registered users]
scope:
  in_scope: [Password login, SSO login, Session expiry]
  out_of_scope: [Social login]
technical_requirements:
  architecture_constraints: [Keep the existing src/index.js entry point]
  data_model: [A session has an id, a user id and an expiry time]
  api_contracts: []
  security_constraints: [Passwords are never logged]
  performance_constraints: []
  reliability_constraints: []
  error_handling_rules: [A failed login says why without revealing which field was wrong]
  tooling_assumptions: [node --test runs the tests]
epics:
  - id: EPIC-1
    title: Login
    objective: Users can log in with a password or SSO.
    implementation_steps: [Add the login module]
    user_stories:
      - id: US-1-1
        title: Password login
        acceptance_criteria: [A correct password logs the user in, A wrong password is refused]
        implementation_steps: [Add login(user, password)]
        verification:
          required_commands: [node --test]
      - id: US-1-2
        title: SSO login
        acceptance_criteria: [An SSO assertion for a known user logs them in]
        implementation_steps: [Add loginSso(assertion)]
        verification:
          required_commands: [node --test]
  - id: EPIC-2
    title: Sessions
    objective: Sessions expire.
    implementation_steps: [Add the session store]
    user_stories:
      - id: US-2-1
        title: Session expiry
        acceptance_criteria: [A session older than one day is rejected]
        implementation_steps: [Store the expiry with the session]
        verification:
          required_commands: [node --test]${
            extraStory
              ? `
      - id: US-2-2
        title: Idle sessions
        acceptance_criteria: [A session idle for one hour is rejected]
        implementation_steps: [Track the last use of each session]
        verification:
          required_commands: [node --test]`
              : ''
          }
risks: [SSO provider details are not decided]`;

const blueprintBody = (withIdle: boolean) => `beads:
  - id: session-store
    title: Session store
    prdRefs: [EPIC-2, US-2-1]
    description: Add src/session.js with create, get and expire.
    contextGuidance:
      patterns: [Plain CommonJS modules like src/index.js]
      anti_patterns: [No new dependencies]
    acceptanceCriteria: [Sessions older than one day are rejected]
    tests: [A unit test creates a session and checks expiry]
    testCommands: [node --test]
  - id: password-login
    title: Password login
    prdRefs: [EPIC-1, US-1-1]
    description: Add login(user, password) to src/auth.js using the session store.
    contextGuidance:
      patterns: [Reuse the session store]
      anti_patterns: [Never log passwords]
    acceptanceCriteria: [A correct password logs in, A wrong one is refused]
    tests: [Unit tests for both outcomes]
    testCommands: [node --test]
  - id: sso-login
    title: SSO login
    prdRefs: [US-1-2]
    description: Add loginSso(assertion) to src/auth.js.
    contextGuidance:
      patterns: [Same shape as password login]
      anti_patterns: [No provider SDK]
    acceptanceCriteria: [A known user's assertion logs in]
    tests: [A unit test with a fake assertion]
    testCommands: []
    testCommandReason: Covered by the same node --test run as password login${
      withIdle
        ? `
  - id: idle-expiry
    title: Idle session expiry
    prdRefs: [US-2-2]
    description: Track last use in src/session.js and reject idle sessions.
    contextGuidance:
      patterns: [Extend the session store]
      anti_patterns: [No timers]
    acceptanceCriteria: [A session idle for one hour is rejected]
    tests: [A unit test with an old last-use time]
    testCommands: [node --test]`
        : ''
    }`;

const expansion = (withIdle: boolean) =>
  [
    {
      id: 'auth.session-store',
      title: 'Session store',
      prdRefs: ['EPIC-2', 'US-2-1'],
      issueType: 'task',
      labels: ['sessions'],
      dependencies: { blocked_by: [] },
      targetFiles: ['src/session.js', 'test/session.test.js'],
    },
    {
      id: 'auth.password-login',
      title: 'Password login',
      prdRefs: ['EPIC-1', 'US-1-1'],
      issueType: 'task',
      labels: ['auth'],
      dependencies: { blocked_by: ['auth.session-store'] },
      targetFiles: ['src/auth.js', 'test/auth.test.js'],
    },
    {
      id: 'auth.sso-login',
      title: 'SSO login',
      prdRefs: ['US-1-2'],
      issueType: 'task',
      labels: ['auth'],
      dependencies: { blocked_by: ['auth.password-login'] },
      targetFiles: ['src/auth.js'],
    },
    ...(withIdle
      ? [
          {
            id: 'auth.idle-expiry',
            title: 'Idle session expiry',
            prdRefs: ['US-2-2'],
            issueType: 'task',
            labels: ['sessions'],
            dependencies: { blocked_by: ['auth.session-store'] },
            targetFiles: ['src/session.js'],
          },
        ]
      : []),
  ]
    .map((line) => JSON.stringify(line))
    .join('\n');

const gaps = (gap: string): Reply => ({ text: `status: gaps\ngaps:\n  - "${gap}"\nfollow_up_questions: []` });
const clean: Reply = { text: 'status: clean\ngaps: []\nfollow_up_questions: []' };
const IDLE_GAP = 'Idle sessions are not covered.';

export const planningReplies = {
  /** Full Answers overlay (§8.1) for the given skipped question ids. */
  fullAnswers: (ids: string[]): Reply => ({
    text: `answers:\n${ids.map((id) => `  - id: ${id}\n    free_text: Filled in for ${id}.\n    selected_option_ids: []`).join('\n')}`,
  }),
  prdDraft: (): Reply => ({ text: prdBody(false) }),
  prdVote: (drafts: number) => vote(PRD_RUBRIC, drafts),
  prdRefined: (): Reply => ({ text: `${prdBody(false)}\nchanges: []` }),
  prdRevised: (): Reply => ({
    text: `${prdBody(true)}\nchanges:\n  - type: added\n    item_type: user_story\n    before: null\n    after: { id: US-2-2, label: Idle sessions }\ngap_resolutions:\n  - gap: "${IDLE_GAP}"\n    action: updated_prd\n    rationale: Added an idle-session story.\n    affected_items: [{ item_type: user_story, id: US-2-2, label: Idle sessions }]`,
  }),
  blueprint: (withIdle = true): Reply => ({ text: blueprintBody(withIdle) }),
  beadsVote: (drafts: number) => vote(BEADS_RUBRIC, drafts),
  blueprintRefined: (withIdle = true): Reply => ({ text: `${blueprintBody(withIdle)}\nchanges: []` }),
  expansion: (withIdle = true): Reply => ({ text: expansion(withIdle) }),
  gaps,
  clean,
};

export interface PlanningScenarioOptions {
  /** `revise`: one PRD gap, one revision, then clean (default). `capped`: the PRD audit never comes back clean. */
  prdCoverage?: 'revise' | 'capped' | 'clean';
  /** Interview question ids the user skipped, for the Full Answers step. */
  skipped?: string[];
  /** Delay the PRD revision answer (to observe a running "Fix gaps with AI"). */
  revisionDelayMs?: number;
}

/** Interview → PRD → beads: every planning phase with valid answers, for tests and the demo. */
export function planningScenario(options: PlanningScenarioOptions = {}): Scenario & { rules: Rule[] } {
  const coverage = options.prdCoverage ?? 'revise';
  const prdAudit = coverage === 'clean' ? [clean] : coverage === 'capped' ? [gaps(IDLE_GAP)] : [gaps(IDLE_GAP), clean];
  return {
    rules: [
      ...interviewScenario().rules,
      phaseRule('DRAFTING_PRD', planningReplies.fullAnswers(options.skipped ?? []), {
        marker: '## Task: Full Answers',
      }),
      phaseRule('DRAFTING_PRD', planningReplies.prdDraft()),
      phaseRule('COUNCIL_VOTING_PRD', planningReplies.prdVote(3), { regex: '### Draft 3' }),
      phaseRule('COUNCIL_VOTING_PRD', planningReplies.prdVote(2)),
      phaseRule('REFINING_PRD', planningReplies.prdRefined()),
      phaseRule(
        'VERIFYING_PRD_COVERAGE',
        { ...planningReplies.prdRevised(), ...(options.revisionDelayMs && { delayMs: options.revisionDelayMs }) },
        { marker: '## Task: coverage revision' },
      ),
      phaseRule('VERIFYING_PRD_COVERAGE', prdAudit),
      phaseRule('DRAFTING_BEADS', planningReplies.blueprint(coverage !== 'clean')),
      phaseRule('COUNCIL_VOTING_BEADS', planningReplies.beadsVote(3), { regex: '### Draft 3' }),
      phaseRule('COUNCIL_VOTING_BEADS', planningReplies.beadsVote(2)),
      phaseRule('REFINING_BEADS', planningReplies.blueprintRefined(coverage !== 'clean')),
      phaseRule('VERIFYING_BEADS_COVERAGE', clean),
      phaseRule('EXPANDING_BEADS', planningReplies.expansion(coverage !== 'clean')),
    ],
  };
}
