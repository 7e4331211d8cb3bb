import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTempRepo,
  freePort,
  lifecycleScenario,
  type Rule,
  type RunningOpencode,
  SAMPLE_BEADS,
  SAMPLE_CODE,
  SAMPLE_REPO_FILES,
  type ScriptedModel,
  SSO_ANSWER,
  SSO_QUESTION,
  startOpencode,
  startScriptedModel,
  type TempRepo,
} from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentProfile, MODELS } from './agent-harness.ts';
import { createGitPause, type GitPause } from './git-pause.ts';
import {
  answerAgentQuestion,
  approveSetupPlan,
  driveToSetupApproval,
  type Json,
  restClient,
  waitForStatus,
} from './lifecycle-drive.ts';
import { type ServerProcess, spawnServer } from './server-process.ts';
import { openSse } from './sse-client.ts';

// Issue 15 part 2: one ticket walks the whole lifecycle while the server process is SIGKILLed once at each crash
// point after the plans are approved. Each kill point is deterministic: a model request that hangs once (the phase's
// agent is mid-turn), or a git command the test's git-pause stops before or after (the real git did its work).
// After every restart the ticket must resume, or block with a reason whose Retry works, and end COMPLETED with
// nothing acknowledged lost, no commit or pull request made twice, and the origin's base never half-merged.

const { sessionStore, passwordLogin } = SAMPLE_BEADS;

/** Hang the first request matching `match`: the phase's agent is mid-turn when the server dies. */
const hangOnce = (name: string, match: Rule['match']): Rule => ({ name, match, reply: { hang: true }, times: 1 });

const crashRules: Rule[] = [
  hangOnce('crash: setup agent', { phase: 'PREPARING_EXECUTION_ENV', marker: '## Task: prepare the workspace' }),
  hangOnce('crash: mid-bead', { phase: 'CODING', marker: `implement bead ${sessionStore} `, step: 0 }),
  hangOnce('crash: next bead', { phase: 'CODING', marker: `implement bead ${passwordLogin} `, step: 0 }),
  hangOnce('crash: final test', { phase: 'RUNNING_FINAL_TEST', marker: '## Task: final test', step: 0 }),
];

describe('SIGKILL at every crash point from setup to merge', { timeout: 600_000 }, () => {
  let model: ScriptedModel;
  let opencode: RunningOpencode;
  let repo: TempRepo;
  let dir: string;
  let pause: GitPause;
  let server: ServerProcess | undefined;
  let port: number;
  const rest = restClient(() => `http://127.0.0.1:${port}`);
  /** What each restart reported for the ticket, and what the test did about it. */
  const story: string[] = [];

  const start = async () => {
    server = await spawnServer(
      {
        LOOPTROOP_HOME: join(dir, 'data'),
        LOOPTROOP_OPENCODE_URL: opencode.url,
        NODE_ENV: 'test',
        PATH: `${pause.binDir}:${process.env.PATH}`,
      },
      port,
      join(dir, 'server.log'),
    );
  };

  beforeAll(async () => {
    model = await startScriptedModel({ scenario: { rules: [...crashRules, ...lifecycleScenario().rules] } });
    opencode = await startOpencode({ modelUrl: model.url, models: MODELS });
    repo = await createTempRepo({ files: SAMPLE_REPO_FILES });
    dir = await mkdtemp(join(tmpdir(), 'lt-kill-'));
    pause = createGitPause(dir);
    port = await freePort();
    await start();
    const profile = await rest.call(
      'POST',
      '/api/profile',
      agentProfile(opencode.modelIds, { maxIterations: 3, perIterationTimeout: 12 }),
    );
    expect(profile.status, JSON.stringify(profile.json)).toBe(201);
  }, 120_000);
  afterAll(async () => {
    pause?.release();
    await server?.kill();
    await opencode?.close();
    await model?.close();
    await repo?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /**
   * SIGKILL the server, start it again, and bring the ticket back to work: the startup report must name it; a
   * ticket it blocked must say why, and its Retry must be accepted.
   */
  async function crashAndRecover(ref: string, at: string) {
    const before = (await rest.call('GET', `/api/tickets/${ref}`)).json;
    expect(before.status, `crash point ${at}`).toBe(at);
    await server?.kill();
    pause.release();
    await start();
    const startup = (await rest.call('GET', '/api/health/startup')).json;
    const recovered = startup.recovery.tickets.find((t: Json) => t.ticketId === ref);
    expect(recovered, `${at}: the startup report names the ticket`).toMatchObject({ status: at });
    const now = (await rest.call('GET', `/api/tickets/${ref}`)).json;
    story.push(`${at}: ${recovered.action} → ${now.status}${now.errorMessage ? ` (${now.errorMessage})` : ''}`);
    console.log(story.at(-1));
    if (now.status === 'BLOCKED_ERROR') {
      expect(now.errorMessage, `${at}: a blocked ticket says why`).toBeTruthy();
      expect(now.previousStatus).toBe(at);
      const action = now.availableActions.includes('retry') ? 'retry' : 'continue';
      const retried = await rest.call('POST', `/api/tickets/${ref}/${action}`);
      expect(retried.status, `${at} ${action}: ${JSON.stringify(retried.json)}`).toBe(200);
    }
  }

  const requestsFor = (rule: string) => model.requests.filter((r) => r.rule === rule).length;
  const waitForRequest = async (rule: string) => {
    const deadline = Date.now() + 180_000;
    while (requestsFor(rule) === 0) {
      if (Date.now() > deadline) throw new Error(`the model never saw ${rule}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('resumes or retries after each kill and completes with every effect made exactly once', async () => {
    const project = await rest.call('POST', '/api/projects', {
      name: 'Crash',
      shortname: 'KIL',
      folderPath: repo.dir,
    });
    expect(project.status, JSON.stringify(project.json)).toBe(201);
    const ticket = await rest.call('POST', '/api/tickets', {
      projectId: project.json.id,
      title: 'Password and SSO login',
      description: 'Users log in with a password or SSO.',
    });
    const ref = ticket.json.id as string;
    await driveToSetupApproval(rest, ref);
    await approveSetupPlan(rest, ref);

    // 1. PREPARING_EXECUTION_ENV, the setup agent mid-turn.
    await waitForRequest('crash: setup agent');
    await crashAndRecover(ref, 'PREPARING_EXECUTION_ENV');

    // 2. CODING mid-bead: the first bead's agent has its prompt and has not answered.
    await waitForRequest('crash: mid-bead');
    await crashAndRecover(ref, 'CODING');

    // 3. CODING between beads: the first bead is done and committed; the next one has not edited anything.
    await waitForRequest('crash: next bead');
    const plan = (await rest.call('GET', `/api/tickets/${ref}/beads`)).json;
    expect(plan.beads.find((b: Json) => b.id === sessionStore).status).toBe('done');
    await crashAndRecover(ref, 'CODING');

    // The SSO bead's agent asks its question; the answer is acknowledged before the next crash.
    await answerAgentQuestion(rest, ref, SSO_QUESTION, SSO_ANSWER);

    // 4. RUNNING_FINAL_TEST, the final-test agent mid-turn.
    await waitForRequest('crash: final test');
    const worktree = join(repo.dir, '.looptroop', 'worktrees', ref);
    const beadCommits = repo.git('-C', worktree, 'log', '--format=%s', 'main..HEAD').trim().split('\n');
    await crashAndRecover(ref, 'RUNNING_FINAL_TEST');

    // 5. INTEGRATING_CHANGES between the squash's reset and its commit: HEAD on the merge base, the work staged only.
    pause.arm('after', 'reset --soft');
    await pause.waitUntilPaused();
    await crashAndRecover(ref, 'INTEGRATING_CHANGES');

    // 6. CREATING_PULL_REQUEST: the candidate reached the origin, the review record was not written yet.
    pause.arm('after', `:refs/heads/${ref}`);
    await pause.waitUntilPaused();
    const pushed = repo.git('-C', repo.originDir ?? '', 'rev-parse', `refs/heads/${ref}`).trim();
    await crashAndRecover(ref, 'CREATING_PULL_REQUEST');

    // 7. WAITING_PR_REVIEW during the merge: the origin's base was pushed, the merge not recorded.
    await waitForStatus(rest, ref, 'WAITING_PR_REVIEW', 240_000);
    const originMainBefore = repo.git('-C', repo.originDir ?? '', 'rev-parse', 'main').trim();
    pause.arm('after', ':refs/heads/main');
    const firstMerge = rest.call('POST', `/api/tickets/${ref}/merge`).catch((e: Error) => e);
    await pause.waitUntilPaused();
    await crashAndRecover(ref, 'WAITING_PR_REVIEW');
    expect(await firstMerge).toBeInstanceOf(Error); // the click was never acknowledged
    const stream = await openSse(`http://127.0.0.1:${port}/api/stream?ticketId=${ref}&lastEventId=0`);
    // The review watcher of the new process may see the merged base first and finish the ticket itself (§10.11, a
    // hand merge); a click meanwhile is refused as already running. Either way the merge is recorded once.
    const merged = await rest.call('POST', `/api/tickets/${ref}/merge`);
    story.push(`merge click after the restart: ${merged.status} ${merged.json.error ?? merged.json.message ?? ''}`);
    expect([200, 409], JSON.stringify(merged.json)).toContain(merged.status);
    const done = await waitForStatus(rest, ref, 'COMPLETED', 120_000);
    console.log(`kill matrix:\n${story.join('\n')}`);

    // No commit twice: each bead committed once; one squashed candidate; the origin's base is the initial commit
    // plus exactly that candidate, merged once, and it never held anything in between.
    expect(new Set(beadCommits).size).toBe(beadCommits.length);
    const integration = (await rest.call('GET', `/api/tickets/${ref}/artifacts?artifactType=integration_report`)).json;
    expect(integration, 'one candidate commit').toHaveLength(1);
    // The squash took the bead commits, not an empty range from the merge base the killed reset left HEAD on.
    const squash = JSON.parse(integration[0].content);
    expect(squash.squashedCommits).toBeGreaterThanOrEqual(beadCommits.length);
    expect(squash.preSquashHead).not.toBe(squash.mergeBase);
    const prReports = (await rest.call('GET', `/api/tickets/${ref}/artifacts?artifactType=pull_request_report`)).json;
    expect(prReports, 'one review record').toHaveLength(1);
    const candidate = JSON.parse(prReports[0].content);
    const origin = (...args: string[]) => repo.git('-C', repo.originDir ?? '', ...args).trim();
    expect(origin('rev-parse', `refs/heads/${ref}`)).toBe(pushed);
    expect(origin('rev-list', '--count', `${originMainBefore}..main`)).toBe('1');
    expect(origin('rev-list', '--count', 'main')).toBe('2');
    expect(origin('rev-parse', 'main')).toBe(pushed);
    expect(JSON.stringify(candidate)).toContain(pushed);
    const mergeReports = (await rest.call('GET', `/api/tickets/${ref}/artifacts?artifactType=merge_report`)).json;
    expect(mergeReports).toHaveLength(1);
    expect(JSON.parse(mergeReports[0].content)).toMatchObject({ outcome: 'merged', delivery: { alreadyMerged: true } });
    expect(repo.git('-C', repo.originDir ?? '', 'show', 'main:src/auth.js')).toBe(SAMPLE_CODE.auth + SAMPLE_CODE.sso);

    // Nothing acknowledged lost: the approvals held (no gate revisited), and the persisted transitions chain.
    expect(done.visitedStatuses.filter((s: string) => s.startsWith('WAITING_EXECUTION_SETUP'))).toHaveLength(1);
    await stream.waitFor((f) => f.event === 'state_change' && (f.data as Json).to === 'COMPLETED', 60_000);
    stream.close();
    const changes = stream.frames.filter((f) => f.event === 'state_change').map((f) => f.data as Json);
    expect(changes.map((c) => c.from)).toEqual(['DRAFT', ...changes.slice(0, -1).map((c) => c.to)]);
    const revisions = changes.map((c) => c.workflowRevision);
    expect(revisions).toEqual(revisions.map((_, i) => revisions[0] + i));
  });
});
