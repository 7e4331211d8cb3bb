import {
  ACCEPTANCE_TEST,
  FINAL_TEST_FILE,
  LIFECYCLE_SKIPPED,
  lifecycleScenario,
  RESET_PROBE,
  SAMPLE_BEADS,
  SAMPLE_CODE,
  SAMPLE_REPO_FILES,
  SSO_ANSWER,
  SSO_QUESTION,
} from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentWorld, startAgentWorld } from './agent-harness.ts';
import {
  answerAgentQuestion,
  approveSetupPlan,
  driveToSetupApproval,
  type Json,
  type Rest,
  waitForStatus,
} from './lifecycle-drive.ts';
import { openSse, type SseFrame } from './sse-client.ts';

// Issue 15 part 1: one ticket DRAFT → COMPLETED the way a user meets it: REST and the SSE stream only, the real
// OpenCode binary against the scripted model, a council of three, the sample repository with a bare origin.

/**
 * workflow.md §3's canonical order is the path of a ticket whose every phase passes, minus what it does not visit:
 * the manual QA statuses (off unless the ticket asks for QA) and the two off-path ends.
 */
const OFF_PATH = ['GENERATING_QA_CHECKLIST', 'WAITING_MANUAL_QA', 'CANCELED', 'BLOCKED_ERROR'];

const { sessionStore, passwordLogin, ssoLogin } = SAMPLE_BEADS;

describe('one ticket from DRAFT to COMPLETED', { timeout: 900_000 }, () => {
  let world: AgentWorld;
  let rest: Rest;
  beforeAll(async () => {
    world = await startAgentWorld({
      scenario: lifecycleScenario(),
      processEnv: process.env,
      repoFiles: SAMPLE_REPO_FILES,
      // The SSO bead's first attempt never answers: a short per-iteration deadline ends it.
      profile: { maxIterations: 3, perIterationTimeout: 15 },
    });
    rest = world.server;
  }, 120_000);
  afterAll(() => world?.dispose());

  const artifacts = async (ref: string, type: string): Promise<Json[]> =>
    (await rest.call('GET', `/api/tickets/${ref}/artifacts?artifactType=${encodeURIComponent(type)}`)).json;
  const latest = async (ref: string, type: string) => {
    const all = await artifacts(ref, type);
    expect(all.length, `artifact ${type}`).toBeGreaterThan(0);
    return all.at(-1);
  };

  it('interviews, plans, sets up, codes three beads, tests, delivers and merges on the origin', async () => {
    const meta = (await rest.call('GET', '/api/workflow/meta')).json;
    const HAPPY_PATH = meta.phases.map((p: Json) => p.status).filter((s: string) => !OFF_PATH.includes(s));
    expect(HAPPY_PATH).toHaveLength(30);
    const ref = await world.createTicket('Password and SSO login');
    const stream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}&lastEventId=0`);
    expect(stream.status).toBe(200);

    await driveToSetupApproval(rest, ref);
    const interview = (await rest.call('GET', `/api/tickets/${ref}/interview`)).json;
    const skipped = interview.document.questions.filter((q: Json) => q.answer.skipped).map((q: Json) => q.id);
    expect(skipped).toEqual(LIFECYCLE_SKIPPED);
    await approveSetupPlan(rest, ref);

    // The SSO bead's second attempt asks which assertion field names the user; the answer goes through the route.
    const asked = await answerAgentQuestion(rest, ref, SSO_QUESTION, SSO_ANSWER);
    expect(asked).toMatchObject({ ticketId: ref, phase: 'CODING' });

    const review = await waitForStatus(rest, ref, 'WAITING_PR_REVIEW', 600_000);
    expect(review.availableActions).toContain('merge');
    const merged = await rest.call('POST', `/api/tickets/${ref}/merge`);
    expect(merged.status, JSON.stringify(merged.json)).toBe(200);
    const done = await waitForStatus(rest, ref, 'COMPLETED', 120_000);
    expect(done.visitedStatuses).toEqual(HAPPY_PATH);

    // Planning: a council of three drafted and voted; Full Answers filled exactly the skipped question.
    const votes = JSON.parse((await latest(ref, 'interview_votes')).content);
    expect(votes.voters).toHaveLength(3);
    const fullAnswers = world.model.requests.find((r) => r.lastUser.includes('## Task: Full Answers'));
    expect(fullAnswers?.lastUser).toContain('Q03');
    for (const type of ['prd', 'beads', 'preflight_report', 'execution_setup_report']) await latest(ref, type);

    // The bead plan ends with every bead done, the password bead after a second iteration.
    const plan = (await rest.call('GET', `/api/tickets/${ref}/beads`)).json;
    const beads = Object.fromEntries(plan.beads.map((b: Json) => [b.id, b]));
    expect(Object.keys(beads)).toEqual([sessionStore, passwordLogin, ssoLogin]);
    for (const bead of Object.values(beads) as Json[]) expect(bead.status).toBe('done');
    expect(beads[sessionStore].iteration).toBe(1);
    expect(beads[passwordLogin].iteration).toBe(2);

    // Ralph: attempt 1 of the password bead failed its tests; attempt 2 ran in a fresh session on a clean worktree.
    const runs = (await artifacts(ref, `bead_execution:${passwordLogin}`)).map((a) => JSON.parse(a.content));
    const first = runs.find((r) => r.iteration === 1);
    const second = runs.find((r) => r.iteration === 2);
    expect(first.outcome).not.toBe('done');
    expect(second).toMatchObject({ outcome: 'done', marker: { status: 'done' } });
    expect(second.sessionId).not.toBe(first.sessionId);
    const probe = world.model.requests.find((r) => r.sessionId === second.sessionId && r.toolResult);
    expect(probe?.toolResult).toContain('CLEAN-START');
    expect(RESET_PROBE).toContain('CLEAN-START');

    // Each bead's diff is its own code.
    const diffOf = async (id: string) => (await rest.call('GET', `/api/tickets/${ref}/beads/${id}/diff`)).json;
    const files = (diff: Json) => diff.files.map((f: Json) => [f.path, f.status]);
    expect(files(await diffOf(sessionStore))).toEqual([
      ['src/session.js', 'A'],
      ['test/session.test.js', 'A'],
    ]);
    const passwordDiff = await diffOf(passwordLogin);
    expect(files(passwordDiff)).toEqual([
      ['src/auth.js', 'A'],
      ['test/auth.test.js', 'A'],
    ]);
    expect(passwordDiff.content).toContain('if (USERS.get(user) !== password)');
    expect(passwordDiff.content).not.toContain('_password');
    const ssoDiff = await diffOf(ssoLogin);
    expect(files(ssoDiff)).toEqual([['src/auth.js', 'M']]);
    expect(ssoDiff.content).toContain('+export function loginSso(assertion) {');

    // Final test, delivery and merge each left their report.
    const finalTest = JSON.parse((await latest(ref, 'final_test_report')).content);
    expect(finalTest).toMatchObject({ passed: true, testFiles: [FINAL_TEST_FILE] });
    expect(finalTest.commands.every((c: Json) => c.exitCode === 0)).toBe(true);
    for (const type of ['integration_report', 'pull_request_report', 'merge_report', 'cleanup_report']) {
      await latest(ref, type);
    }
    const mergeReport = JSON.parse((await latest(ref, 'merge_report')).content);
    expect(mergeReport).toMatchObject({ outcome: 'merged', delivery: { alreadyMerged: false } });

    // The origin's base branch holds the merged code, and the acceptance test is now green on it.
    const origin = (...args: string[]) => world.repo.git('-C', world.repo.originDir ?? '', ...args);
    expect(origin('show', 'main:src/auth.js')).toBe(SAMPLE_CODE.auth + SAMPLE_CODE.sso);
    expect(origin('show', 'main:src/session.js')).toBe(SAMPLE_CODE.session);
    expect(origin('show', `main:${FINAL_TEST_FILE}`)).toBe(SAMPLE_CODE.finalTest);
    expect(origin('ls-tree', '-r', '--name-only', 'main')).not.toContain('.ticket');
    expect(origin('show', `main:${ACCEPTANCE_TEST}`)).toContain('loginSso');

    // SSE: every state_change, in order, ids strictly increasing, none missing against a fresh replay.
    const last = Number(stream.frames.filter((f) => f.id !== null).at(-1)?.id);
    stream.close();
    const changes = stream.frames.filter((f) => f.event === 'state_change').map((f) => f.data as Json);
    // Each answered interview batch and each Ralph reset of a bead is a transition into the same status (§4.2).
    const collapsed = changes.map((c) => c.to).filter((to, i, all) => to !== all[i - 1]);
    expect(['DRAFT', ...collapsed]).toEqual(HAPPY_PATH);
    const loops = changes.filter((c) => c.from === c.to).map((c) => c.to);
    expect(loops).toEqual(['WAITING_INTERVIEW_ANSWERS', 'WAITING_INTERVIEW_ANSWERS', 'CODING', 'CODING']);
    expect(changes.map((c) => c.from)).toEqual(['DRAFT', ...changes.slice(0, -1).map((c) => c.to)]);
    const revisions = changes.map((c) => c.workflowRevision);
    expect(revisions).toEqual(revisions.map((_, i) => revisions[0] + i));
    expect(revisions.at(-1)).toBe(done.workflowRevision);
    const ids = (frames: SseFrame[]) => frames.filter((f) => f.id !== null).map((f) => Number(f.id));
    const live = ids(stream.frames);
    expect(live).toEqual([...live].sort((a, b) => a - b));
    expect(new Set(live).size).toBe(live.length);
    const replay = await openSse(`${world.server.url}/api/stream?ticketId=${ref}&lastEventId=0`);
    await replay.waitFor((f) => Number(f.id) === last, 10_000);
    replay.close();
    expect(live).toEqual(ids(replay.frames).filter((id) => id <= last));
  });
});
