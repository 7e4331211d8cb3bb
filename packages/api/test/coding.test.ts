import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  ACCEPTANCE_TEST,
  codingScenario,
  FINAL_TEST_FILE,
  RALPH_NOTES,
  SAMPLE_BEADS,
  SAMPLE_REPO_FILES,
  SSO_ANSWER,
  SSO_QUESTION,
} from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentWorld, startAgentWorld } from './agent-harness.ts';
import { approvedInterview } from './planning-drive.ts';
import { openSse } from './sse-client.ts';

// biome-ignore lint/suspicious/noExplicitAny: test payloads are read field by field
type Json = any;

// Issue 13 "Done means": on the sample repository, the real OpenCode binary codes three beads through LoopTroop's
// CODING loop (first-time success; a buggy attempt → Ralph note → reset → fresh session; a stalled attempt → iteration
// timeout → Ralph; a question answered through the API), the final test runs the agent's own commands, and delivery
// pushes the candidate to the bare origin. Only the model is scripted (testkit's codingScenario).

const { sessionStore, passwordLogin, ssoLogin } = SAMPLE_BEADS;
/** Small enough that the stalled SSO attempt costs little, large enough for a real iteration on a busy machine. */
const PER_ITERATION_TIMEOUT_S = 12;

const nodeTest = (cwd: string, ...files: string[]) =>
  spawnSync(process.execPath, ['--test', ...files], { cwd, encoding: 'utf8' });

async function approve(world: AgentWorld, ref: string, gate: string, review: string, action: string) {
  await world.waitForStatus(ref, gate, 180_000);
  const { contentSha256 } = (await world.server.call('GET', `/api/tickets/${ref}/${review}`)).json;
  const approved = await world.server.call('POST', `/api/tickets/${ref}/${action}`, {
    expectedContentSha256: contentSha256,
  });
  expect(approved.status, JSON.stringify(approved.json)).toBe(200);
}

/** Answer the agent's question as a person would in the UI: through the API, as soon as it is listed. */
async function answerQuestion(world: AgentWorld, ref: string, deadlineMs: number) {
  while (Date.now() < deadlineMs) {
    const pending = (await world.server.call('GET', `/api/tickets/${ref}/opencode/questions`)).json as Json[];
    const question = pending[0];
    if (question) {
      const reply = await world.server.call(
        'POST',
        `/api/tickets/${ref}/opencode/questions/${question.requestId}/reply`,
        { answers: [[SSO_ANSWER]] },
      );
      return { question, reply };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the agent asked no question');
}

describe('CODING and RUNNING_FINAL_TEST with the real OpenCode binary', { timeout: 300_000 }, () => {
  let world: AgentWorld;
  beforeAll(async () => {
    world = await startAgentWorld({
      scenario: codingScenario(),
      repoFiles: SAMPLE_REPO_FILES,
      processEnv: process.env,
      profile: { maxIterations: 3, perIterationTimeout: PER_ITERATION_TIMEOUT_S },
    });
  }, 120_000);
  afterAll(() => world?.dispose());

  it('codes three beads with real edits, resets failed attempts, answers a question, runs the final test and delivers', async () => {
    expect(nodeTest(world.repo.dir, ACCEPTANCE_TEST).status, 'the acceptance test fails before the beads').not.toBe(0);
    const { ref } = await approvedInterview(world, { prdCoverage: 'clean' }, codingScenario);
    const stream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}&lastEventId=0`);
    await approve(world, ref, 'WAITING_PRD_APPROVAL', 'review/prd', 'approve-prd');
    await approve(world, ref, 'WAITING_BEADS_APPROVAL', 'beads', 'approve-beads');
    await approve(
      world,
      ref,
      'WAITING_EXECUTION_SETUP_APPROVAL',
      'execution-setup-plan',
      'approve-execution-setup-plan',
    );
    const codingStarted = Date.now();

    // §10.6 agent questions: the question surfaces without a status change and is answered through the API.
    const { question, reply } = await answerQuestion(world, ref, Date.now() + 120_000);
    expect(question.questions[0].question).toBe(SSO_QUESTION);
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    const end = await world.waitForStatus(ref, 'WAITING_PR_REVIEW', 180_000);
    const codingWallMs = Date.now() - codingStarted;
    const worktree = join(world.repo.dir, '.looptroop', 'worktrees', ref);

    // Bead records (CONTRACTS 1–2): all done, with the iterations and Ralph notes each scenario earned.
    expect(end).toMatchObject({ totalBeads: 3, percentComplete: 100 });
    const plan = (await world.server.call('GET', `/api/tickets/${ref}/beads`)).json;
    const beads = Object.fromEntries((plan.beads as Json[]).map((b) => [b.id, b]));
    expect(Object.values(beads).map((b: Json) => b.status)).toEqual(['done', 'done', 'done']);
    expect(beads[sessionStore]).toMatchObject({ iteration: 1, failedIterationNotes: [] });
    expect(beads[passwordLogin].iteration).toBe(2);
    expect(beads[passwordLogin].failedIterationNotes.map((n: Json) => n.content)).toEqual([RALPH_NOTES[passwordLogin]]);
    expect(beads[ssoLogin].iteration).toBe(2);
    expect(beads[ssoLogin].failedIterationNotes.map((n: Json) => n.content)).toEqual([RALPH_NOTES[ssoLogin]]);

    // The stalled attempt ended as an iteration timeout (not "marker missing"), and its checkpoint says so.
    const ssoRuns = (
      await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=bead_execution:${ssoLogin}`)
    ).json as Json[];
    const outcomes = ssoRuns.map((a) => JSON.parse(a.content)).map((c) => [c.iteration, c.outcome]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        [1, 'iteration_timeout'],
        [2, 'done'],
      ]),
    );

    // Ralph: the second password attempt ran in a new OpenCode session, with the note in its prompt, and its first
    // command saw a worktree from which the reset had removed attempt 1's files.
    const sessionsOf = (marker: string) => [
      ...new Set(world.model.requests.filter((r) => r.lastUser.includes(marker)).map((r) => r.sessionId)),
    ];
    const first = sessionsOf(`implement bead ${passwordLogin} (iteration 1 of`);
    const second = sessionsOf(`implement bead ${passwordLogin} (iteration 2 of`);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first[0]);
    const retry = world.model.requests.filter((r) => r.sessionId === second[0]);
    expect(retry[0]?.lastUser).toContain(RALPH_NOTES[passwordLogin]);
    expect(retry[1]?.toolResult).toContain('CLEAN-START');
    expect(world.model.requests.find((r) => r.sessionId === first[0] && r.step === 2)?.toolResult).toContain(
      '# fail 1',
    );
    // The answer reached the agent as its question tool's result.
    const answered = world.model.requests.find((r) => r.rule === `${ssoLogin}: step 1`);
    expect(answered?.toolResult).toContain(`"${SSO_QUESTION}"="${SSO_ANSWER}"`);

    // Bead diffs (CONTRACTS 3): code only, the second attempt's code, never the buggy first one.
    const diff = (await world.server.call('GET', `/api/tickets/${ref}/beads/${passwordLogin}/diff`)).json;
    expect(diff.content).toContain("+  if (USERS.get(user) !== password) throw new Error('invalid credentials');");
    expect(diff.content).not.toContain('_password');
    expect(diff.content).not.toContain('.ticket/');
    const ssoDiff = (await world.server.call('GET', `/api/tickets/${ref}/beads/${ssoLogin}/diff`)).json;
    expect(ssoDiff.content).toContain('+export function loginSso(assertion) {');

    // SSE (CONTRACTS 6): one bead_complete per bead, counting up.
    const completes = stream.frames.filter((f) => f.event === 'bead_complete').map((f) => f.data as Json);
    stream.close();
    expect(completes.map((c) => [c.beadId, c.completed, c.total])).toEqual([
      [sessionStore, 1, 3],
      [passwordLogin, 2, 3],
      [ssoLogin, 3, 3],
    ]);

    // §10.7: the backend ran the agent's commands itself and they passed.
    const [report] = (await world.server.call('GET', `/api/tickets/${ref}/artifacts?artifactType=final_test_report`))
      .json as Json[];
    const finalTest = JSON.parse(report.content);
    expect(finalTest).toMatchObject({ passed: true, testFiles: [FINAL_TEST_FILE] });
    expect(finalTest.commands.map((c: Json) => c.exitCode)).toEqual([0]);

    // Done means: the acceptance test fails on main and passes in the worktree; the candidate reached the origin.
    const after = nodeTest(worktree, ACCEPTANCE_TEST, FINAL_TEST_FILE);
    expect(after.status, after.stdout).toBe(0);
    const origin = world.repo.originDir ?? '';
    const delivered = execFileSync('git', ['--git-dir', origin, 'ls-tree', '-r', '--name-only', ref], {
      encoding: 'utf8',
    });
    expect(delivered.split('\n')).toEqual(
      expect.arrayContaining(['src/auth.js', 'src/session.js', 'test/auth.test.js', FINAL_TEST_FILE]),
    );
    expect(delivered).not.toContain('.ticket');
    console.info(`CODING → WAITING_PR_REVIEW in ${codingWallMs} ms, ${world.model.requests.length} model requests`);
  });
});
