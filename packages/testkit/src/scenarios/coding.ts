import type { Reply, Rule, Scenario, ToolCallReply } from '../scripted-model/index.ts';
import { type ExecutionScenarioOptions, executionScenario } from './execution.ts';
import { phaseRule } from './interview.ts';
import { ACCEPTANCE_TEST, SAMPLE_CODE, SMOKE_TEST } from './sample-repo.ts';

// CODING and RUNNING_FINAL_TEST on the sample repository (workflow.md §10.6–§10.7), played through the real OpenCode
// binary: every edit is a real `write`/`edit` tool call, every test a real `bash` run of `node --test`, and each
// marker is chosen by what that run really printed (`# fail 0` or not). The three beads of planningScenario cover:
//   auth.session-store  succeeds first time;
//   auth.password-login first attempt ships a bug its own test catches → keep-working reminders → Ralph note (PROM51)
//                       → reset → a fresh session that first checks the reset removed attempt 1's files → success;
//   auth.sso-login      first attempt never answers until the per-iteration deadline (iteration timeout) → Ralph → the
//                       second attempt asks the operator a question (OpenCode's question tool), then edits and passes.
// Then the final test writes its own regression test and returns <FINAL_TEST_COMMANDS>, and delivery's two model
// calls get valid answers. Rule order matters: notes and reminders first, then second attempts, then first attempts.

export const SAMPLE_BEADS = {
  sessionStore: 'auth.session-store',
  passwordLogin: 'auth.password-login',
  ssoLogin: 'auth.sso-login',
} as const;

/** What attempt 2 of the password bead prints first: the proof that the reset removed attempt 1's files. */
export const RESET_PROBE =
  'if [ -e src/auth.js ] || [ -e test/auth.test.js ]; then echo LEFTOVER; else echo CLEAN-START; fi';
export const SSO_QUESTION = 'Which SSO assertion field names the user?';
export const SSO_ANSWER = 'subject';
export const FINAL_TEST_FILE = 'test/final-login.test.js';

const write = (filePath: string, content: string): ToolCallReply => ({
  name: 'write',
  arguments: { filePath, content },
});
const bash = (command: string, description: string): ToolCallReply => ({
  name: 'bash',
  arguments: { command, description },
});
const nodeTest = (files: string[]) => bash(`node --test ${files.join(' ')}`, 'Run the bead-scoped tests');

/** The `<BEAD_STATUS>` marker of §10.6 step 5: all four checks pass, or the tests fail with a reason. */
export function beadStatus(beadId: string, failure?: string): Reply {
  const marker = {
    bead_id: beadId,
    status: failure ? 'error' : 'done',
    checks: { tests: failure ? 'fail' : 'pass', lint: 'pass', typecheck: 'pass', qualitative: 'pass' },
    ...(failure && { reason: failure }),
  };
  return { text: `<BEAD_STATUS>${JSON.stringify(marker)}</BEAD_STATUS>` };
}

/**
 * One agent turn matched by `match`: each step's tool calls in order, then the bead's tests, then the marker the
 * tests' real output earns.
 */
function agentTurn(name: string, beadId: string, match: Rule['match'], steps: ToolCallReply[][], tests: string[]) {
  const at = (step: number, extra: Rule['match'] = {}) => ({ ...match, step, ...extra });
  const last = steps.length;
  return [
    ...steps.map((toolCalls, step): Rule => ({ name: `${name}: step ${step}`, match: at(step), reply: { toolCalls } })),
    { name: `${name}: tests`, match: at(last), reply: { toolCalls: [nodeTest(tests)] } },
    { name: `${name}: green`, match: at(last + 1, { toolResult: '# fail 0' }), reply: beadStatus(beadId) },
    {
      name: `${name}: red`,
      match: at(last + 1),
      reply: beadStatus(beadId, 'node --test reports failing tests'),
    },
  ] satisfies Rule[];
}

const prompt = (beadId: string, iteration?: number): Rule['match'] => ({
  phase: 'CODING',
  ...(iteration === undefined
    ? { marker: `implement bead ${beadId} ` }
    : { regex: `implement bead ${beadId.replace('.', '\\.')} \\(iteration ${iteration} of` }),
});

/** PROM51 in the failing session: a plain-text note the next attempt's prompt carries (§10.6 Ralph step 1). */
export const RALPH_NOTES: Record<string, string> = {
  [SAMPLE_BEADS.passwordLogin]:
    'Attempt 1 wrote a login() that never compared the password, so test/auth.test.js failed on the wrong-password case. Compare the stored password before opening a session.',
  [SAMPLE_BEADS.ssoLogin]:
    'Attempt 1 stalled before writing anything and hit the iteration deadline. Ask which assertion field names the user, then add loginSso to src/auth.js.',
};

function codingRules(): Rule[] {
  const { sessionStore, passwordLogin, ssoLogin } = SAMPLE_BEADS;
  const beads = Object.values(SAMPLE_BEADS);
  return [
    ...beads.map((id) =>
      phaseRule(
        'CODING',
        { text: RALPH_NOTES[id] ?? `Attempt failed on ${id}; start over carefully.` },
        {
          marker: `context-wipe note for bead ${id}`,
        },
      ),
    ),
    // The keep-working reminder (§10.6 step 5) after a failing marker: this agent gives up, which sends it to Ralph.
    ...beads.map(
      (id): Rule => ({
        name: `keep working on ${id}`,
        match: { marker: `for bead ${id} does not pass yet`, step: 0 },
        reply: beadStatus(id, 'giving up: the same test still fails'),
      }),
    ),
    ...agentTurn(
      passwordLogin,
      passwordLogin,
      prompt(passwordLogin, 2),
      [
        [bash(RESET_PROBE, 'Check the worktree starts clean')],
        [write('src/auth.js', SAMPLE_CODE.auth), write('test/auth.test.js', SAMPLE_CODE.authTest)],
      ],
      ['test/auth.test.js'],
    ),
    ...agentTurn(
      ssoLogin,
      ssoLogin,
      prompt(ssoLogin, 2),
      [
        [
          {
            name: 'question',
            arguments: {
              questions: [
                {
                  question: SSO_QUESTION,
                  header: 'SSO field',
                  options: [
                    { label: SSO_ANSWER, description: 'the subject claim' },
                    { label: 'email', description: 'the email claim' },
                  ],
                },
              ],
            },
          },
        ],
        [{ name: 'read', arguments: { filePath: 'src/auth.js' } }],
        [
          {
            name: 'edit',
            arguments: {
              filePath: 'src/auth.js',
              oldString: '  return createSession(user);\n}\n',
              newString: `  return createSession(user);\n}\n${SAMPLE_CODE.sso}`,
            },
          },
        ],
      ],
      ['test/auth.test.js', ACCEPTANCE_TEST, SMOKE_TEST],
    ),
    ...agentTurn(
      sessionStore,
      sessionStore,
      prompt(sessionStore),
      [[write('src/session.js', SAMPLE_CODE.session), write('test/session.test.js', SAMPLE_CODE.sessionTest)]],
      ['test/session.test.js'],
    ),
    ...agentTurn(
      passwordLogin,
      passwordLogin,
      prompt(passwordLogin),
      [[write('src/auth.js', SAMPLE_CODE.authBuggy), write('test/auth.test.js', SAMPLE_CODE.authTest)]],
      ['test/auth.test.js'],
    ),
    // The first SSO attempt never answers: the per-iteration deadline ends it (an iteration timeout, §10.6 step 6).
    { name: `${ssoLogin}: stalls`, match: { ...prompt(ssoLogin), step: 0 }, reply: { hang: true } },
  ];
}

const finalTestCommands = {
  commands: [{ program: 'node', args: ['--test', FINAL_TEST_FILE, ACCEPTANCE_TEST], cwd: '.' }],
  test_files: [FINAL_TEST_FILE],
  modified_files: [FINAL_TEST_FILE],
  file_effects: [{ path: FINAL_TEST_FILE, intent: 'candidate', reason: 'the regression test' }],
  summary: 'Password and SSO logins open sessions that expire after one day.',
};

function finalTestRules(): Rule[] {
  const match = { phase: 'RUNNING_FINAL_TEST', marker: '## Task: final test' };
  return [
    phaseRule(
      'RUNNING_FINAL_TEST',
      { text: 'The final test failed; rerun it after checking the imports.' },
      {
        marker: '## Task: final-test retry note',
      },
    ),
    {
      name: 'final test: write',
      match: { ...match, step: 0 },
      reply: { toolCalls: [write(FINAL_TEST_FILE, SAMPLE_CODE.finalTest)] },
    },
    { name: 'final test: run', match: { ...match, step: 1 }, reply: { toolCalls: [nodeTest([FINAL_TEST_FILE])] } },
    {
      name: 'final test: commands',
      match: { ...match, step: 2, toolResult: '# fail 0' },
      reply: { text: `<FINAL_TEST_COMMANDS>\n${JSON.stringify(finalTestCommands, null, 2)}\n</FINAL_TEST_COMMANDS>` },
    },
    { name: 'final test: red', match: { ...match, step: 2 }, reply: { text: 'The final test fails; I stop here.' } },
  ];
}

const DELIVERED_FILES = ['src/session.js', 'test/session.test.js', 'src/auth.js', 'test/auth.test.js', FINAL_TEST_FILE];

function deliveryRules(): Rule[] {
  const audit = DELIVERED_FILES.map((path) => `  - path: ${path}\n    decision: include\n    evidence: ""`).join('\n');
  return [
    phaseRule(
      'CREATING_PULL_REQUEST',
      { text: `<CANDIDATE_FILE_AUDIT>\nfiles:\n${audit}\n</CANDIDATE_FILE_AUDIT>` },
      {
        marker: '<CANDIDATE_FILE_AUDIT>',
      },
    ),
    phaseRule('CREATING_PULL_REQUEST', {
      text: [
        '<PULL_REQUEST_DRAFT>',
        'title: Add password and SSO login with expiring sessions',
        'body: |',
        '  ## Summary',
        '  Adds a session store, password login and SSO login; sessions expire after one day.',
        '  ## Verification',
        `  node --test ${ACCEPTANCE_TEST} ${FINAL_TEST_FILE}`,
        '</PULL_REQUEST_DRAFT>',
      ].join('\n'),
    }),
  ];
}

/** The execution scenario's probes run only the tests that pass from the start (the acceptance test fails on purpose). */
export const SAMPLE_TEST_ARGS = ['--test', SMOKE_TEST];

/** Planning → setup → CODING (three beads) → RUNNING_FINAL_TEST → delivery, on createSampleRepo(). */
export function codingScenario(options: ExecutionScenarioOptions = {}): Scenario & { rules: Rule[] } {
  return {
    rules: [
      ...codingRules(),
      ...finalTestRules(),
      ...deliveryRules(),
      ...executionScenario({ testArgs: SAMPLE_TEST_ARGS, ...options }).rules,
    ],
  };
}
