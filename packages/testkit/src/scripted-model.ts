import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';

// A scripted OpenAI-compatible model server: answers /v1/chat/completions from a scenario of rules, so tests (and
// the zero-key demo) can drive the real OpenCode binary deterministically.

export interface ToolCallReply {
  name: string;
  arguments: Record<string, unknown>;
}

export interface Reply {
  text?: string;
  toolCalls?: ToolCallReply[];
  delayMs?: number;
  httpError?: { status: number; body?: string };
  /** Never answer (until the request is aborted or the server closes). */
  hang?: boolean;
}

export interface Rule {
  name?: string;
  match: {
    /** Substring of the last user message. */
    marker?: string;
    regex?: string;
    /** Prompt phase tag `[[phase:STATUS]]`. */
    phase?: string;
    model?: string;
    /** Match the follow-up request sent after a tool ran. */
    afterToolResult?: boolean;
    /** Search every message instead of only the last user message. */
    in?: 'last' | 'all';
  };
  /** One reply, or a sequence used in turn (the last repeats). */
  reply: Reply | Reply[];
  /** Use this rule at most N times. */
  times?: number;
}

export interface Scenario {
  rules: Rule[];
  default?: Reply;
}

export interface LoggedRequest {
  at: string;
  model: string;
  rule: string | null;
  promptChars: number;
  tokenEstimate: number;
  tools: string[];
  lastUser: string;
  stream: boolean;
}

interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: unknown[];
}

interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  tools?: { function?: { name?: string } }[];
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((c) => (typeof c === 'object' && c && 'text' in c ? String((c as { text: unknown }).text) : ''))
      .join('');
  }
  return '';
}

export function parseScenario(source: string | Scenario): Scenario {
  return typeof source === 'string' ? (parseYaml(source) as Scenario) : source; // scenario files are ours
}

export interface ScriptedModel {
  url: string;
  port: number;
  requests: LoggedRequest[];
  setScenario(scenario: string | Scenario): void;
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startScriptedModel(options: {
  scenario: string | Scenario;
  port?: number;
}): Promise<ScriptedModel> {
  let scenario = parseScenario(options.scenario);
  const used = new Map<Rule, number>();
  const requests: LoggedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  function choose(body: ChatRequest): { rule: Rule | null; reply: Reply } {
    const last = body.messages.at(-1);
    const afterTool = last?.role === 'tool';
    const lastUser = textOf([...body.messages].reverse().find((m) => m.role === 'user')?.content);
    const all = body.messages.map((m) => textOf(m.content)).join('\n');
    for (const rule of scenario.rules) {
      const m = rule.match;
      const haystack = m.in === 'all' ? all : lastUser;
      if ((m.afterToolResult ?? false) !== afterTool) continue;
      if (m.model && m.model !== body.model) continue;
      if (m.marker && !haystack.includes(m.marker)) continue;
      if (m.phase && !haystack.includes(`[[phase:${m.phase}]]`)) continue;
      if (m.regex && !new RegExp(m.regex).test(haystack)) continue;
      const count = used.get(rule) ?? 0;
      if (rule.times !== undefined && count >= rule.times) continue;
      used.set(rule, count + 1);
      const replies = Array.isArray(rule.reply) ? rule.reply : [rule.reply];
      return { rule, reply: replies[Math.min(count, replies.length - 1)] ?? {} };
    }
    // OpenCode's own housekeeping calls (titles, summaries) and tool follow-ups get a short text by default.
    return { rule: null, reply: afterTool ? { text: 'Done.' } : (scenario.default ?? { text: 'OK' }) };
  }

  function completion(body: ChatRequest, reply: Reply) {
    const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({
      id: `call_${Date.now()}_${i}`,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
    const promptTokens = Math.ceil(body.messages.map((m) => textOf(m.content)).join('').length / 4);
    const completionTokens = Math.ceil((reply.text ?? '').length / 4) + toolCalls.length * 10;
    return {
      toolCalls,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
  }

  async function handleChat(req: IncomingMessage, res: ServerResponse, body: ChatRequest) {
    const { rule, reply } = choose(body);
    const lastUser = textOf([...body.messages].reverse().find((m) => m.role === 'user')?.content);
    const promptChars = body.messages.map((m) => textOf(m.content)).join('').length;
    requests.push({
      at: new Date().toISOString(),
      model: body.model,
      rule: rule ? (rule.name ?? `rule ${scenario.rules.indexOf(rule)}`) : null,
      promptChars,
      tokenEstimate: Math.ceil(promptChars / 4),
      tools: (body.tools ?? []).map((t) => t.function?.name ?? '').filter(Boolean),
      lastUser: lastUser.slice(0, 500),
      stream: Boolean(body.stream),
    });
    if (reply.hang) {
      hanging.add(res);
      req.on('close', () => hanging.delete(res));
      return;
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.httpError) {
      res.writeHead(reply.httpError.status, { 'content-type': 'application/json' });
      res.end(reply.httpError.body ?? JSON.stringify({ error: { message: 'scripted failure' } }));
      return;
    }
    const { toolCalls, usage } = completion(body, reply);
    const finish = toolCalls.length ? 'tool_calls' : 'stop';
    const id = `chatcmpl_${Date.now()}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: body.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: reply.text ?? null,
                ...(toolCalls.length && { tool_calls: toolCalls }),
              },
              finish_reason: finish,
            },
          ],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: unknown, finishReason: string | null, extra: object = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`,
      );
    chunk({ role: 'assistant', content: '' }, null);
    const text = reply.text ?? '';
    for (let i = 0; i < text.length; i += 200) chunk({ content: text.slice(i, i + 200) }, null);
    toolCalls.forEach((call, index) => {
      chunk({ tool_calls: [{ index, ...call }] }, null);
    });
    chunk({}, finish);
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'GET' && url.endsWith('/models')) {
        const ids = new Set(scenario.rules.flatMap((r) => (r.match.model ? [r.match.model] : [])));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [...ids].map((id) => ({ id, object: 'model' })) }));
        return;
      }
      if (req.method === 'GET' && url.endsWith('/__log')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(requests));
        return;
      }
      if (req.method === 'POST' && url.endsWith('/chat/completions')) {
        let body: ChatRequest;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString()) as ChatRequest; // OpenAI chat request
        } catch {
          res.writeHead(400).end();
          return;
        }
        handleChat(req, res, body).catch(() => res.destroy());
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // TCP listener
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    setScenario(next) {
      scenario = parseScenario(next);
      used.clear();
    },
    async waitForRequests(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} model requests, got ${requests.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
