import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempRepo } from '../git-fixture.ts';
import { type RunningOpencode, startOpencode } from '../opencode/index.ts';
import { type ScriptedModel, startScriptedModel } from '../scripted-model/index.ts';
import { codingScenario, FINAL_TEST_FILE, RALPH_NOTES, SAMPLE_BEADS, SSO_ANSWER, SSO_QUESTION } from './coding.ts';
import { createSampleRepo } from './sample-repo.ts';

// The coding scenario against the real OpenCode binary, without LoopTroop: prompts shaped like PROM_CODING, PROM51 and
// PROM52 go straight into OpenCode sessions, and the scripted agent's tool calls really edit the sample repository and
// really run its tests. LoopTroop's own loop is proven in packages/api/test/coding.test.ts.

const { sessionStore, passwordLogin, ssoLogin } = SAMPLE_BEADS;
const beadPrompt = (id: string, iteration: number, notes = '') =>
  `[[phase:CODING]]\n## Task: implement bead ${id} (iteration ${iteration} of 3)\n### Failed Iteration Notes\n${notes}`;

describe('the coding scenario on the real OpenCode binary', { timeout: 60_000 }, () => {
  let model: ScriptedModel;
  let opencode: RunningOpencode;
  let repo: TempRepo;
  const call = async (method: string, path: string, body?: unknown) => {
    const sep = path.includes('?') ? '&' : '?';
    const res = await fetch(`${opencode.url}${path}${sep}directory=${encodeURIComponent(repo.dir)}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return res.json() as Promise<Record<string, unknown> & { id: string }>;
  };
  /** Prompt a session and get the text of the assistant's final answer. */
  const ask = async (sessionId: string, text: string) => {
    const result = (await call('POST', `/session/${sessionId}/message`, {
      model: { providerID: 'scripted', modelID: 'alpha' },
      parts: [{ type: 'text', text }],
    })) as { parts?: { type: string; text?: string }[] };
    return (result.parts ?? []).findLast((p) => p.type === 'text')?.text ?? '';
  };
  const newSession = async (title: string) => (await call('POST', '/session', { title })).id;
  const read = (path: string) => readFileSync(join(repo.dir, path), 'utf8');
  /** What LoopTroop does after a done bead (§10.6 step 8), so the next bead starts from it. */
  const commitBead = (id: string) => {
    repo.git('add', '-A');
    repo.git('commit', '-qm', id);
  };

  beforeAll(async () => {
    model = await startScriptedModel({ scenario: codingScenario() });
    opencode = await startOpencode({ modelUrl: model.url, models: ['alpha'] });
    repo = await createSampleRepo({ withOrigin: false });
  }, 60_000);
  afterAll(async () => {
    await opencode?.close();
    await model?.close();
    await repo?.cleanup();
  });

  it('codes a bead with real edits and a real test run, and reports the marker the run earned', async () => {
    const answer = await ask(await newSession('session store'), beadPrompt(sessionStore, 1));
    expect(answer).toContain(`<BEAD_STATUS>{"bead_id":"${sessionStore}","status":"done"`);
    expect(read('src/session.js')).toContain('export function getSession');
    const testRun = model.requests.findLast((r) => r.rule === `${sessionStore}: green`);
    expect(testRun?.toolResult).toContain('# pass 2');
    commitBead(sessionStore);
  });

  it('reports failing tests for the buggy first password attempt, gives up, writes a note, and passes after a reset', async () => {
    const first = await newSession('password 1');
    expect(await ask(first, beadPrompt(passwordLogin, 1))).toContain('"status":"error"');
    expect(model.requests.at(-1)?.toolResult).toContain('# fail 1');
    const reminder = `Your \`<BEAD_STATUS>\` for bead ${passwordLogin} does not pass yet: status is error`;
    expect(await ask(first, reminder)).toContain('giving up');
    const note = await ask(first, `[[phase:CODING]]\n## Task: context-wipe note for bead ${passwordLogin}`);
    expect(note).toBe(RALPH_NOTES[passwordLogin]);

    repo.git('clean', '-fdq');
    const second = await newSession('password 2');
    expect(await ask(second, beadPrompt(passwordLogin, 2, note))).toContain('"status":"done"');
    const secondAttempt = model.requests.filter((r) => r.sessionId === second);
    expect(secondAttempt[1]?.toolResult).toContain('CLEAN-START');
    expect(read('src/auth.js')).toContain('USERS.get(user) !== password');
    commitBead(passwordLogin);
  });

  it('asks the operator mid-bead, edits the file with the answer, and runs the acceptance test green', async () => {
    const session = await newSession('sso 2');
    const pending = ask(session, beadPrompt(ssoLogin, 2));
    let questions: { id: string }[] = [];
    for (let i = 0; i < 100 && questions.length === 0; i++) {
      questions = (await call('GET', '/question')) as unknown as { id: string }[];
      if (!questions.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(questions).toHaveLength(1);
    await call('POST', `/question/${questions[0]?.id}/reply`, { answers: [[SSO_ANSWER]] });
    expect(await pending).toContain('"status":"done"');
    const afterAnswer = model.requests.find((r) => r.sessionId === session && r.step === 1);
    expect(afterAnswer?.toolResult).toContain(`"${SSO_QUESTION}"="${SSO_ANSWER}"`);
    expect(read('src/auth.js')).toContain('export function loginSso');
    // test/auth.test.js (2), the acceptance test (3) and the smoke test (1): all green now.
    expect(model.requests.at(-1)?.toolResult).toMatch(/\nok \d+ - a known SSO assertion opens a session/);
    expect(model.requests.at(-1)?.toolResult).toMatch(/# pass 6\n# fail 0/);
  });

  it('writes the final test, runs it, and returns the commands for the backend to run', async () => {
    const answer = await ask(await newSession('final test'), '[[phase:RUNNING_FINAL_TEST]]\n## Task: final test');
    expect(existsSync(join(repo.dir, FINAL_TEST_FILE))).toBe(true);
    const block = answer.match(/<FINAL_TEST_COMMANDS>([\s\S]*)<\/FINAL_TEST_COMMANDS>/)?.[1] ?? '{}';
    expect(JSON.parse(block), `${answer}\n${model.requests.at(-1)?.toolResult}`).toMatchObject({
      test_files: [FINAL_TEST_FILE],
    });
  });
});
