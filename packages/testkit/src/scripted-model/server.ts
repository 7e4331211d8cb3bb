import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  allText,
  type ChatRequest,
  ChatRequestSchema,
  housekeepingKind,
  isAfterToolResult,
  lastToolResult,
  lastUserText,
  messageText,
  offeredTools,
  stepOf,
} from './chat-request.ts';
import { type Completion, completionBody, errorBody, streamFrames } from './openai-format.ts';
import { renderReply } from './reply-template.ts';
import { type LoggedRequest, type ReplyKind, RequestLog } from './request-log.ts';
import { selectReply } from './rule-matcher.ts';
import { type ParsedReply, type ParsedScenario, parseScenario, type Scenario } from './scenario.ts';

// A scripted OpenAI-compatible model server: answers /v1/chat/completions from a scenario, so tests (and the
// zero-key demo) can drive the real OpenCode binary deterministically.

export interface ScriptedModel {
  /** Base URL ending in `/v1`, ready for a provider's `baseURL`. */
  url: string;
  port: number;
  /** Every chat request so far, live. Also served as JSON at `GET /__log`. */
  requests: LoggedRequest[];
  /** Swap the script; rule use counts start again, the log is kept. */
  setScenario(scenario: string | Scenario): void;
  /** Resolves with the log once `count` chat requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<LoggedRequest[]>;
  /** Stops the server; hanging requests are cut. */
  close(): Promise<void>;
}

export interface StartScriptedModelOptions {
  /** YAML text or an object. */
  scenario: string | Scenario;
  /** Default: any free port on 127.0.0.1. */
  port?: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function replyKind(reply: ParsedReply): ReplyKind {
  if (reply.hang) return 'hang';
  if (reply.httpError) return 'http-error';
  if (reply.malformed !== undefined) return 'malformed';
  return reply.toolCalls?.length ? 'tool-calls' : 'text';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function parseChatRequest(body: string): ChatRequest | string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'request body is not JSON';
  }
  const parsed = ChatRequestSchema.safeParse(json);
  return parsed.success ? parsed.data : `not a chat completions request: ${parsed.error.issues[0]?.message ?? ''}`;
}

export async function startScriptedModel(options: StartScriptedModelOptions): Promise<ScriptedModel> {
  const state: { scenario: ParsedScenario; uses: Map<number, number>; toolCalls: number } = {
    scenario: parseScenario(options.scenario),
    uses: new Map(),
    toolCalls: 0,
  };
  const log = new RequestLog();
  const hanging = new Set<ServerResponse>();

  function modelIds(): string[] {
    const fromRules = state.scenario.rules.flatMap((r) => (r.match.model ? [r.match.model] : []));
    return [...new Set([...(state.scenario.models ?? []), ...fromRules])];
  }

  async function answerChat(res: ServerResponse, request: ChatRequest, sessionId: string | null) {
    const lastUser = lastUserText(request);
    const everything = allText(request);
    const afterTool = isAfterToolResult(request);
    const toolResult = lastToolResult(request);
    const step = stepOf(request);
    const selection = selectReply(
      state.scenario,
      {
        model: request.model,
        lastUser,
        allText: everything,
        isAfterToolResult: afterTool,
        step,
        toolResult,
        housekeeping: housekeepingKind(request),
      },
      state.uses,
    );
    if (selection.ruleIndex !== null)
      state.uses.set(selection.ruleIndex, (state.uses.get(selection.ruleIndex) ?? 0) + 1);
    const promptChars = request.messages.map(messageText).join('').length;
    const number = log.entries.length + 1;
    log.add({
      number,
      at: new Date().toISOString(),
      model: request.model,
      stream: request.stream ?? false,
      rule: selection.ruleName,
      ruleIndex: selection.ruleIndex,
      source: selection.source,
      replyKind: replyKind(selection.reply),
      isAfterToolResult: afterTool,
      step,
      promptChars,
      tokenEstimate: Math.ceil(promptChars / 4),
      tools: offeredTools(request),
      lastUser,
      userMessages: request.messages.filter((m) => m.role === 'user').map(messageText),
      sessionId,
      toolResult,
    });
    const reply = renderReply(selection.reply, {
      lastUser,
      model: request.model,
      toolResult: toolResult ?? '',
      requestNumber: String(number),
    });

    if (reply.hang) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return; // the client gave up while we waited
    if (reply.httpError) {
      res.writeHead(reply.httpError.status, { 'content-type': 'application/json' });
      res.end(reply.httpError.body ?? JSON.stringify(errorBody('scripted failure', 'server_error')));
      return;
    }
    if (reply.malformed !== undefined) {
      res.writeHead(200, { 'content-type': request.stream ? 'text/event-stream' : 'application/json' });
      res.end(reply.malformed);
      return;
    }

    const toolCalls = (reply.toolCalls ?? []).map((call) => {
      state.toolCalls += 1;
      return { id: `call_scripted_${state.toolCalls}`, name: call.name, arguments: JSON.stringify(call.arguments) };
    });
    const text = reply.text ?? (toolCalls.length > 0 ? null : '');
    const estimated = {
      prompt: Math.ceil(promptChars / 4),
      completion: Math.ceil(((text ?? '').length + toolCalls.reduce((n, t) => n + t.arguments.length, 0)) / 4),
    };
    const prompt = reply.usage?.promptTokens ?? estimated.prompt;
    const completionTokens = reply.usage?.completionTokens ?? estimated.completion;
    const completion: Completion = {
      id: `chatcmpl-scripted-${number}`,
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      text,
      toolCalls,
      usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens },
    };
    if (!request.stream) {
      sendJson(res, 200, completionBody(completion));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (const frame of streamFrames(completion, request.stream_options?.include_usage ?? false)) res.write(frame);
    res.end();
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '');
    if (req.method === 'GET' && path === '/v1/models') {
      const data = modelIds().map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (req.method === 'GET' && (path === '/__log' || path === '/v1/__log')) return sendJson(res, 200, log.entries);
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const request = parseChatRequest(await readBody(req));
      if (typeof request === 'string') return sendJson(res, 400, errorBody(request));
      // OpenCode names the session of every provider request in this header (non-OpenCode providers).
      const session = req.headers['x-session-id'];
      return answerChat(res, request, typeof session === 'string' ? session : null);
    }
    return sendJson(res, 404, errorBody(`no route ${req.method} ${path}`, 'not_found'));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(String(error), 'server_error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('scripted model: no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    port: address.port,
    requests: log.entries,
    setScenario(next) {
      state.scenario = parseScenario(next);
      state.uses = new Map();
    },
    waitForRequests: (count, timeoutMs = 30_000) => log.waitFor(count, timeoutMs),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
