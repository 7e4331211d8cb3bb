import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTempRepo, type TempRepo } from '../git-fixture.ts';
import { type ScriptedModel, startScriptedModel } from '../scripted-model/index.ts';
import { type RunningOpencode, startOpencode } from './launcher.ts';

// The real `opencode serve` (opencode-ai 1.18.33) against the scripted model, through its plain HTTP API. The zod
// schemas below are the shapes observed; packages/testkit/README.md lists them for the core client.

const Tokens = z.object({
  input: z.number(),
  output: z.number(),
  reasoning: z.number(),
  cache: z.object({ read: z.number(), write: z.number() }),
});
const Session = z.looseObject({ id: z.string().startsWith('ses_'), title: z.string(), directory: z.string() });
const Part = z.looseObject({ id: z.string().startsWith('prt_'), type: z.string() });
const ToolPart = z.looseObject({
  type: z.literal('tool'),
  tool: z.string(),
  callID: z.string(),
  state: z.looseObject({ status: z.enum(['pending', 'running', 'completed', 'error']), input: z.unknown() }),
});
const PromptResult = z.object({
  info: z.looseObject({
    id: z.string().startsWith('msg_'),
    role: z.literal('assistant'),
    tokens: Tokens.extend({ total: z.number().optional() }),
    cost: z.number(),
    finish: z.string().optional(),
    error: z.looseObject({ name: z.string() }).optional(),
  }),
  parts: z.array(Part),
});
const Question = z.looseObject({
  id: z.string().startsWith('que_'),
  sessionID: z.string(),
  questions: z.array(z.looseObject({ question: z.string(), header: z.string() })),
  tool: z.object({ messageID: z.string(), callID: z.string() }),
});
const EventFrame = z.looseObject({
  directory: z.string().optional(),
  // `sync` frames carry `syncEvent` instead of `properties`.
  payload: z.looseObject({ type: z.string(), properties: z.record(z.string(), z.unknown()).default({}) }),
});
type EventFrame = z.infer<typeof EventFrame>;

interface Api {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

function api(opencode: RunningOpencode): Api {
  return {
    async call(method, path, body) {
      const res = await fetch(`${opencode.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}

/** Collects `/global/event` frames (SSE `data: {directory, payload}` lines) until stopped. */
function listenToEvents(opencode: RunningOpencode) {
  const frames: EventFrame[] = [];
  const aborter = new AbortController();
  const done = (async () => {
    const res = await fetch(`${opencode.url}/global/event`, { signal: aborter.signal });
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('');
        if (data) frames.push(EventFrame.parse(JSON.parse(data)));
      }
    }
  })().catch(() => undefined);
  return {
    frames,
    async waitFor(predicate: (frame: EventFrame) => boolean, timeoutMs = 15_000): Promise<EventFrame> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = frames.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such event; saw ${frames.map((f) => f.payload.type).join(' ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      aborter.abort();
      await done;
    },
  };
}

describe('real OpenCode against the scripted model', { timeout: 60_000 }, () => {
  let model: ScriptedModel;
  let opencode: RunningOpencode;
  let oc: Api;
  let repo: TempRepo;

  beforeAll(async () => {
    model = await startScriptedModel({ scenario: { rules: [] } });
    opencode = await startOpencode({ modelUrl: model.url, models: ['alpha', 'beta'] });
    oc = api(opencode);
  }, 60_000);
  afterAll(async () => {
    await opencode?.close();
    await model?.close();
  });

  async function openSession(title: string) {
    repo = await createTempRepo({ withOrigin: false });
    const created = await oc.call('POST', `/session?directory=${encodeURIComponent(repo.dir)}`, { title });
    expect(created.status).toBe(200);
    return Session.parse(created.body);
  }

  const prompt = (sessionId: string, text: string) =>
    oc
      .call('POST', `/session/${sessionId}/message?directory=${encodeURIComponent(repo.dir)}`, {
        model: { providerID: 'scripted', modelID: 'alpha' },
        parts: [{ type: 'text', text }],
      })
      .then((r) => {
        expect(r.status).toBe(200);
        return PromptResult.parse(r.body);
      });

  async function waitForQuestion() {
    for (let i = 0; i < 100; i++) {
      const listed = await oc.call('GET', `/question?directory=${encodeURIComponent(repo.dir)}`);
      const questions = z.array(Question).parse(listed.body);
      if (questions[0]) return questions[0];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('OpenCode listed no question');
  }

  const askColour = {
    toolCalls: [
      {
        name: 'question',
        arguments: {
          questions: [
            {
              question: 'Which colour?',
              header: 'Colour',
              options: [
                { label: 'Red', description: 'warm' },
                { label: 'Blue', description: 'cold' },
              ],
            },
          ],
        },
      },
    ],
  };

  it('reports health and version, and lists only the scripted provider as connected', async () => {
    expect(await oc.call('GET', '/global/health')).toEqual({
      status: 200,
      body: { healthy: true, version: opencode.version },
    });
    expect(opencode.version).toBe('1.18.33');
    const providers = z
      .object({
        all: z.array(
          z.looseObject({ id: z.string(), models: z.record(z.string(), z.looseObject({ id: z.string() })) }),
        ),
        default: z.record(z.string(), z.string()),
        connected: z.array(z.string()),
      })
      .parse((await oc.call('GET', '/provider')).body);
    expect(providers.connected).toEqual(['scripted']);
    expect(Object.keys(providers.all.find((p) => p.id === 'scripted')?.models ?? {})).toEqual(['alpha', 'beta']);
    const configured = z
      .object({ providers: z.array(z.looseObject({ id: z.string() })), default: z.record(z.string(), z.string()) })
      .parse((await oc.call('GET', '/config/providers')).body);
    expect(configured.providers.map((p) => p.id)).toEqual(['scripted']);
  });

  it('answers a titled session prompt with the scripted text and its token counts, with no title call', async () => {
    model.setScenario({
      rules: [
        {
          name: 'greet',
          match: { marker: 'hello' },
          reply: { text: 'Hi from the script', usage: { promptTokens: 1234, completionTokens: 56 } },
        },
      ],
    });
    const before = model.requests.length;
    const session = await openSession('greeting');
    expect(session).toMatchObject({ title: 'greeting', directory: repo.dir });
    const result = await prompt(session.id, 'hello there');
    expect(result.info).toMatchObject({
      finish: 'stop',
      providerID: 'scripted',
      modelID: 'alpha',
      tokens: { total: 1290, input: 1234, output: 56, reasoning: 0, cache: { read: 0, write: 0 } },
    });
    expect(result.parts.map((p) => p.type)).toEqual(['step-start', 'text', 'step-finish']);
    expect(result.parts[1]).toMatchObject({ type: 'text', text: 'Hi from the script' });
    expect(result.parts[2]).toMatchObject({ type: 'step-finish', reason: 'stop', tokens: { input: 1234, output: 56 } });
    const requests = model.requests.slice(before);
    expect(requests.map((r) => [r.model, r.rule, r.stream])).toEqual([['alpha', 'greet', true]]);
    // every provider request names its session (X-Session-Id): how tests see which session a prompt went into
    expect(requests.map((r) => [r.sessionId, r.userMessages])).toEqual([[session.id, ['hello there']]]);
    expect(requests[0]?.tools).toEqual(expect.arrayContaining(['bash', 'edit', 'question', 'read', 'write']));
    await repo.cleanup();
  });

  it('runs a scripted write tool call, so the file really appears in the session directory', async () => {
    model.setScenario({
      rules: [
        {
          match: { marker: 'write the file' },
          reply: {
            toolCalls: [{ name: 'write', arguments: { filePath: 'notes/hello.txt', content: 'hello world\n' } }],
          },
        },
      ],
    });
    const before = model.requests.length;
    const session = await openSession('writer');
    const result = await prompt(session.id, 'please write the file');
    expect(readFileSync(join(repo.dir, 'notes/hello.txt'), 'utf8')).toBe('hello world\n');
    expect(result.parts.find((p) => p.type === 'text')).toMatchObject({ text: 'done' });
    const messages = z
      .array(z.object({ info: z.looseObject({ role: z.string() }), parts: z.array(Part) }))
      .parse((await oc.call('GET', `/session/${session.id}/message?directory=${encodeURIComponent(repo.dir)}`)).body);
    const tool = ToolPart.parse(messages.flatMap((m) => m.parts).find((p) => p.type === 'tool'));
    expect(tool).toMatchObject({ tool: 'write', state: { status: 'completed', output: 'Wrote file successfully.' } });
    expect(model.requests.slice(before).map((r) => [r.replyKind, r.source, r.toolResult])).toEqual([
      ['tool-calls', 'rule', null],
      ['text', 'tool-result-default', 'Wrote file successfully.'],
    ]);
    await repo.cleanup();
  });

  it('lists a question per directory, takes the reply, and passes the answer to the next model request', async () => {
    model.setScenario({
      rules: [
        { match: { marker: 'ask me' }, reply: askColour },
        { name: 'answered', match: { afterToolResult: true }, reply: { text: 'You chose: {{toolResult}}' } },
      ],
    });
    const events = listenToEvents(opencode);
    const before = model.requests.length;
    const session = await openSession('questions');
    const pending = prompt(session.id, 'ask me something');
    const question = await waitForQuestion();
    expect(question).toMatchObject({
      sessionID: session.id,
      questions: [
        {
          question: 'Which colour?',
          header: 'Colour',
          options: [
            { label: 'Red', description: 'warm' },
            { label: 'Blue', description: 'cold' },
          ],
        },
      ],
    });
    // Questions belong to the directory's instance: without ?directory= the server's own cwd is asked.
    expect((await oc.call('GET', '/question')).body).toEqual([]);
    const asked = await events.waitFor((f) => f.payload.type === 'question.asked');
    expect(asked).toMatchObject({
      directory: repo.dir,
      payload: { properties: { id: question.id, sessionID: session.id } },
    });

    const replied = await oc.call('POST', `/question/${question.id}/reply?directory=${encodeURIComponent(repo.dir)}`, {
      answers: [['Blue']],
    });
    expect(replied).toEqual({ status: 200, body: true });
    const result = await pending;
    const answer =
      'User has answered your questions: "Which colour?"="Blue". You can now continue with the user\'s answers in mind.';
    expect(result.parts.find((p) => p.type === 'text')).toMatchObject({ text: `You chose: ${answer}` });
    expect(model.requests.slice(before).map((r) => [r.rule, r.toolResult])).toEqual([
      ['rule 0', null],
      ['answered', answer],
    ]);
    const repliedEvent = await events.waitFor((f) => f.payload.type === 'question.replied');
    expect(repliedEvent.payload.properties).toEqual({
      sessionID: session.id,
      requestID: question.id,
      answers: [['Blue']],
    });
    await events.waitFor((f) => f.payload.type === 'session.idle' && f.payload.properties.sessionID === session.id);
    await events.stop();
    await repo.cleanup();
  });

  it('ends the turn when a question is rejected, and abort stops a prompt the model never answers', async () => {
    model.setScenario({
      rules: [
        { match: { marker: 'ask me' }, reply: askColour },
        { match: { marker: 'wait' }, reply: { hang: true } },
      ],
    });
    const session = await openSession('reject and abort');
    const dir = encodeURIComponent(repo.dir);
    const pending = prompt(session.id, 'ask me again');
    const question = await waitForQuestion();
    expect(await oc.call('POST', `/question/${question.id}/reject?directory=${dir}`)).toEqual({
      status: 200,
      body: true,
    });
    const rejected = await pending;
    expect(rejected.info.finish).toBe('tool-calls');
    expect(ToolPart.parse(rejected.parts.find((p) => p.type === 'tool'))).toMatchObject({
      tool: 'question',
      state: { status: 'error', error: 'The user dismissed this question' },
    });

    const before = model.requests.length;
    const hanging = prompt(session.id, 'wait for me');
    await model.waitForRequests(before + 1, 15_000);
    expect((await oc.call('GET', `/session/status?directory=${dir}`)).body).toEqual({ [session.id]: { type: 'busy' } });
    expect(await oc.call('POST', `/session/${session.id}/abort?directory=${dir}`)).toEqual({ status: 200, body: true });
    const aborted = await hanging;
    expect(aborted.info.error).toEqual({ name: 'MessageAbortedError', data: { message: 'Aborted' } });
    expect(aborted.parts).toEqual([]);
    expect((await oc.call('GET', `/session/status?directory=${dir}`)).body).toEqual({});
    await repo.cleanup();
  });
});
