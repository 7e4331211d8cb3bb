import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scenarioPath } from '../scenarios/scenario-files.ts';
import { loadScenarioFile } from './scenario.ts';
import { type ScriptedModel, startScriptedModel } from './server.ts';

// Real HTTP against the scripted model, shaped like the requests OpenCode sends.

const SYSTEM = { role: 'system', content: 'You are opencode, an interactive CLI tool.' };
const TOOLS = ['bash', 'write'].map((name) => ({ type: 'function', function: { name, parameters: {} } }));

function chat(model: ScriptedModel, body: Record<string, unknown>, signal?: AbortSignal) {
  return fetch(`${model.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'alpha', tools: TOOLS, ...body }),
    ...(signal && { signal }),
  });
}

const userTurn = (text: string, extra: Record<string, unknown> = {}) => ({
  messages: [SYSTEM, { role: 'user', content: text }],
  ...extra,
});

const CompletionResponse = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number(),
  model: z.string(),
  choices: z
    .array(
      z.object({
        index: z.literal(0),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().nullable(),
          tool_calls: z
            .array(
              z.object({
                id: z.string(),
                type: z.literal('function'),
                function: z.object({ name: z.string(), arguments: z.string() }),
              }),
            )
            .optional(),
        }),
        logprobs: z.null(),
        finish_reason: z.enum(['stop', 'tool_calls']),
      }),
    )
    .length(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }),
});

/** A non-streamed answer, checked against the OpenAI shape. */
async function completion(res: Response) {
  return CompletionResponse.parse(await res.json());
}

async function content(res: Promise<Response>) {
  return (await completion(await res)).choices[0]?.message.content;
}

const Chunk = z.strictObject({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.strictObject({
      index: z.literal(0),
      delta: z.strictObject({
        role: z.literal('assistant').optional(),
        content: z.string().optional(),
        tool_calls: z
          .array(
            z.strictObject({
              index: z.number(),
              id: z.string().optional(),
              type: z.literal('function').optional(),
              function: z.strictObject({ name: z.string().optional(), arguments: z.string() }),
            }),
          )
          .optional(),
      }),
      finish_reason: z.enum(['stop', 'tool_calls']).nullable(),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }).optional(),
});

/** An SSE body's chunks, checked against the OpenAI chunk shape, and whether it ended with `data: [DONE]`. */
async function streamed(res: Response) {
  const data = (await res.text())
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice('data: '.length));
  const done = data.at(-1) === '[DONE]';
  const chunks = (done ? data.slice(0, -1) : data).map((d) => Chunk.parse(JSON.parse(d)));
  return { chunks, done, deltas: chunks.flatMap((c) => c.choices) };
}

describe('scripted model server', () => {
  let model: ScriptedModel | undefined;
  const start = async (scenario: Parameters<typeof startScriptedModel>[0]['scenario']) => {
    model = await startScriptedModel({ scenario });
    return model;
  };
  afterEach(async () => {
    await model?.close();
    model = undefined;
  });

  it('lists the scenario models at GET /v1/models', async () => {
    const m = await start({ models: ['alpha'], rules: [{ match: { model: 'beta' }, reply: { text: 'b' } }] });
    const body = await (await fetch(`${m.url}/models`)).json();
    expect(body).toEqual({
      object: 'list',
      data: [
        { id: 'alpha', object: 'model', created: 0, owned_by: 'scripted' },
        { id: 'beta', object: 'model', created: 0, owned_by: 'scripted' },
      ],
    });
  });

  it('answers a non-streamed request with an OpenAI chat.completion and usage', async () => {
    const m = await start({ rules: [{ match: { marker: 'hello' }, reply: { text: 'Hi {{model}}: {{lastUser}}' } }] });
    const res = await chat(m, userTurn('hello there'));
    expect(res.status).toBe(200);
    const body = await completion(res);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'alpha',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi alpha: hello there' }, finish_reason: 'stop' }],
    });
    const promptChars = SYSTEM.content.length + 'hello there'.length;
    expect(body.usage).toEqual({
      prompt_tokens: Math.ceil(promptChars / 4),
      completion_tokens: Math.ceil('Hi alpha: hello there'.length / 4),
      total_tokens: Math.ceil(promptChars / 4) + Math.ceil('Hi alpha: hello there'.length / 4),
    });
  });

  it('streams SSE chunks ending in [DONE], with a usage chunk only when include_usage is set', async () => {
    const text = 'x'.repeat(150);
    const m = await start({ default: { text, usage: { promptTokens: 11, completionTokens: 7 } } });
    const res = await chat(m, userTurn('go', { stream: true, stream_options: { include_usage: true } }));
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const { chunks, done } = await streamed(res);
    expect(done).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(text);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    });

    const plain = await streamed(await chat(m, userTurn('go', { stream: true })));
    expect(plain.done).toBe(true);
    expect(plain.chunks.some((c) => c.usage !== undefined)).toBe(false);
  });

  it('replies with tool calls (finish_reason tool_calls), streamed and not', async () => {
    const m = await start({
      rules: [
        {
          match: { marker: 'write' },
          reply: { toolCalls: [{ name: 'write', arguments: { filePath: 'a.txt', content: 'A' } }] },
        },
      ],
    });
    const body = await completion(await chat(m, userTurn('write it')));
    expect(body.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          { type: 'function', function: { name: 'write', arguments: '{"filePath":"a.txt","content":"A"}' } },
        ],
      },
    });
    expect(body.choices[0]?.message.tool_calls?.[0]?.id).toMatch(/^call_/);

    const { deltas } = await streamed(await chat(m, userTurn('write it', { stream: true })));
    const calls = deltas.flatMap((c) => c.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: expect.stringMatching(/^call_/),
      function: { name: 'write', arguments: '' },
    });
    expect(calls.map((c) => c.function.arguments).join('')).toBe('{"filePath":"a.txt","content":"A"}');
    expect(deltas.at(-1)?.finish_reason).toBe('tool_calls');
  });

  it('answers the follow-up after a tool ran with "done" unless a rule asks for tool results', async () => {
    const afterTool = (text: string) => ({
      messages: [
        SYSTEM,
        { role: 'user', content: text },
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'bash', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'hi\n' },
      ],
    });
    const m = await start({
      rules: [
        { match: { marker: 'run' }, reply: { toolCalls: [{ name: 'bash', arguments: { command: 'echo hi' } }] } },
        {
          name: 'after run',
          match: { marker: 'special', afterToolResult: true },
          reply: { text: 'tool said {{toolResult}}' },
        },
      ],
    });
    expect(await content(chat(m, afterTool('run it')))).toBe('done');
    expect(await content(chat(m, afterTool('run it, special')))).toBe('tool said hi\n');
    expect(m.requests.map((r) => [r.source, r.rule, r.isAfterToolResult, r.toolResult])).toEqual([
      ['tool-result-default', null, true, 'hi\n'],
      ['rule', 'after run', true, 'hi\n'],
    ]);
  });

  it('counts the agent steps of a turn, so one conversation can edit, then test, then answer', async () => {
    const round = (id: string, name: string, output: string) => [
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ id, type: 'function', function: { name, arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: id, content: output },
    ];
    const turn = (...rounds: ReturnType<typeof round>[]) => ({
      model: 'alpha',
      messages: [
        SYSTEM,
        { role: 'user', content: 'old prompt' },
        ...round('c0', 'read', 'old'),
        { role: 'user', content: 'bead B' },
        ...rounds.flat(),
      ],
    });
    const m = await start({
      rules: [
        {
          name: 'edit',
          match: { marker: 'bead B', step: 0 },
          reply: { toolCalls: [{ name: 'write', arguments: {} }] },
        },
        { name: 'test', match: { marker: 'bead B', step: 1 }, reply: { toolCalls: [{ name: 'bash', arguments: {} }] } },
        { name: 'green', match: { marker: 'bead B', step: 2, toolResult: '# fail 0' }, reply: { text: 'all pass' } },
        { name: 'red', match: { marker: 'bead B', step: 2 }, reply: { text: 'still failing' } },
      ],
    });
    await chat(m, turn());
    await chat(m, turn(round('c1', 'write', 'Wrote file successfully.')));
    const red = turn(round('c1', 'write', 'ok'), round('c2', 'bash', '# pass 1\n# fail 1\n'));
    expect(await content(chat(m, red))).toBe('still failing');
    const green = turn(round('c1', 'write', 'ok'), round('c2', 'bash', '# pass 2\n# fail 0\n'));
    expect(await content(chat(m, green))).toBe('all pass');
    expect(m.requests.map((r) => [r.rule, r.step])).toEqual([
      ['edit', 0],
      ['test', 1],
      ['red', 2],
      ['green', 2],
    ]);
  });

  it('returns scripted HTTP errors, delays, and malformed bodies verbatim', async () => {
    const m = await start({
      rules: [
        { match: { marker: 'fail' }, reply: { httpError: { status: 429, body: '{"error":{"message":"slow down"}}' } } },
        { match: { marker: 'slow' }, reply: { text: 'late', delayMs: 300 } },
        { match: { marker: 'junk' }, reply: { malformed: 'data: {not json' } },
      ],
    });
    const failed = await chat(m, userTurn('fail'));
    expect(failed.status).toBe(429);
    expect(await failed.json()).toEqual({ error: { message: 'slow down' } });

    const started = Date.now();
    expect(await content(chat(m, userTurn('slow')))).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    const junk = await chat(m, userTurn('junk', { stream: true }));
    expect(junk.status).toBe(200);
    expect(await junk.text()).toBe('data: {not json');
    expect(m.requests.map((r) => r.replyKind)).toEqual(['http-error', 'text', 'malformed']);
  });

  it('hangs until the client aborts, and close() cuts requests still hanging', async () => {
    const m = await start({ default: { hang: true } });
    const aborter = new AbortController();
    const aborted = chat(m, userTurn('wait'), aborter.signal);
    await m.waitForRequests(1, 2_000);
    aborter.abort();
    await expect(aborted).rejects.toThrow(/abort/i);

    const pending = chat(m, userTurn('wait again'));
    await m.waitForRequests(2, 2_000);
    await m.close();
    model = undefined;
    await expect(pending).rejects.toThrow();
  });

  it('logs every request and serves the log at GET /__log', async () => {
    const m = await start({ rules: [{ name: 'greeting', match: { marker: 'hello' }, reply: { text: 'hi' } }] });
    const before = Date.now();
    await chat(m, userTurn('hello', { stream: true }));
    await chat(m, { ...userTurn('other'), model: 'beta', tools: [] });
    const log = await m.waitForRequests(2, 1_000);
    const promptChars = SYSTEM.content.length + 'hello'.length;
    expect(log[0]).toMatchObject({
      number: 1,
      model: 'alpha',
      stream: true,
      rule: 'greeting',
      ruleIndex: 0,
      source: 'rule',
      promptChars,
      tokenEstimate: Math.ceil(promptChars / 4),
      tools: ['bash', 'write'],
      lastUser: 'hello',
    });
    expect(Date.parse(log[0]?.at ?? '')).toBeGreaterThanOrEqual(before - 1_000);
    expect(log[1]).toMatchObject({ number: 2, model: 'beta', rule: null, source: 'default', tools: [] });
    const served = await (await fetch(`${m.url.replace(/\/v1$/, '')}/__log`)).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(m.requests)));
    await expect(m.waitForRequests(3, 100)).rejects.toThrow(/expected 3 model requests.*got 2/);
  });

  it('logs the session a request belongs to (X-Session-Id) and the user messages it carries', async () => {
    const m = await start({ rules: [] });
    await fetch(`${m.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-session-id': 'ses_abc' },
      body: JSON.stringify({
        model: 'alpha',
        messages: [
          SYSTEM,
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'continue please' },
        ],
      }),
    });
    await chat(m, userTurn('no header'));
    const log = await m.waitForRequests(2, 1_000);
    expect(log.map((r) => [r.sessionId, r.userMessages])).toEqual([
      ['ses_abc', ['first', 'continue please']],
      [null, ['no header']],
    ]);
  });

  it('answers OpenCode title requests with a short title without consuming a once-rule', async () => {
    const m = await start({ rules: [{ match: { marker: 'hello', once: true }, reply: { text: 'scripted' } }] });
    const title = await chat(m, {
      messages: [
        { role: 'system', content: 'You are a title generator. You output ONLY a thread title.' },
        { role: 'user', content: 'Generate a title for this conversation:\n' },
        { role: 'user', content: 'hello' },
      ],
      tools: [],
    });
    expect((await completion(title)).choices[0]?.message.content).toBe('Scripted session');
    expect(await content(chat(m, userTurn('hello')))).toBe('scripted');
    expect(m.requests.map((r) => r.source)).toEqual(['title', 'rule']);
  });

  it('restarts rule counts on setScenario and rejects bodies that are not chat requests', async () => {
    const m = await start({ rules: [{ once: true, reply: { text: 'first' } }] });
    await chat(m, userTurn('a'));
    expect(await content(chat(m, userTurn('b')))).toBe('OK');
    m.setScenario('rules:\n  - once: true\n    reply: { text: again }\n');
    expect(await content(chat(m, userTurn('c')))).toBe('again');
    const bad = await fetch(`${m.url}/chat/completions`, { method: 'POST', body: '{"model":"alpha"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { message: expect.stringMatching(/not a chat completions request/) },
    });
  });

  it('plays the bundled hello.yaml scenario', async () => {
    const m = await start(await loadScenarioFile(scenarioPath('hello')));
    expect(await content(chat(m, userTurn('hello you')))).toBe('Hello from the scripted model! You said: hello you');
    const note = await completion(await chat(m, userTurn('please write the note')));
    expect(note.choices[0]?.message.tool_calls?.[0]?.function.name).toBe('write');
    expect((await chat(m, userTurn('flaky'))).status).toBe(529);
    expect(await content(chat(m, userTurn('flaky')))).toBe('I have no script for that.');
  });
});
