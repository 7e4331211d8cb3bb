import { createOpencodeClient, type GlobalEvent, type Part, type Provider } from '@opencode-ai/sdk/v2/client';
import type {
  AgentEvent,
  AgentRuntime,
  Catalog,
  ModelInfo,
  PendingQuestion,
  PromptRequest,
  PromptResult,
  RuntimeHealth,
  TokenUsage,
} from './client.ts';
import { splitModelId } from './client.ts';

export interface HttpRuntimeOptions {
  url: string;
  username?: string;
  password?: string;
  /** Budget for small calls (health, create, abort…). Prompts are bounded by their own signal. */
  requestTimeoutMs?: number;
}

// architecture.md §5.2: automation must never stall on a permission prompt; OS privileges still apply.
const ALLOW_ALL = ['*', '/*', '/**/*', '**', '**/.*'].map((pattern) => ({
  permission: '*',
  pattern,
  action: 'allow' as const,
}));

type SdkError = { data?: { message?: string }; message?: string; name?: string } | unknown;

function errorText(error: SdkError): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { data?: { message?: string }; message?: string; name?: string }; // SDK error bodies
    return e.data?.message ?? e.message ?? e.name ?? JSON.stringify(error);
  }
  return String(error);
}

/**
 * The error an assistant message ended with, with its type and the provider's HTTP status kept in the text, so a
 * blocked ticket can tell a rate limit from a bad key (workflow.md §4.4 CONTINUE).
 */
function promptErrorText(error: SdkError): string {
  const text = errorText(error);
  if (typeof error !== 'object' || error === null) return text;
  const e = error as { name?: string; data?: { statusCode?: number } }; // SDK assistant-message error union
  const status = typeof e.data?.statusCode === 'number' ? ` (HTTP ${e.data.statusCode})` : '';
  return e.name && e.name !== 'UnknownError' ? `${e.name}: ${text}${status}` : `${text}${status}`;
}

function toTokens(t: {
  input: number;
  output: number;
  reasoning: number;
  cache: { read: number; write: number };
}): TokenUsage {
  return {
    input: t.input,
    output: t.output,
    reasoning: t.reasoning,
    cacheRead: t.cache.read,
    cacheWrite: t.cache.write,
  };
}

function toModels(providers: Provider[], connected: Set<string>): ModelInfo[] {
  return providers.flatMap((provider) =>
    Object.values(provider.models)
      .filter((m) => m.status !== 'deprecated')
      .map((m) => ({
        id: `${provider.id}/${m.id}`,
        providerId: provider.id,
        modelId: m.id,
        name: m.name,
        variants: Object.keys(m.variants ?? {}),
        contextLimit: m.limit?.context ?? null,
        connected: connected.has(provider.id),
      })),
  );
}

function toQuestion(q: { id: string; sessionID: string; questions: PendingQuestion['questions'] | unknown[] }) {
  const questions = (
    q.questions as {
      question: string;
      header: string;
      options: { label: string; description?: string }[];
      multiple?: boolean;
    }[]
  ).map((item) => ({
    question: item.question,
    header: item.header,
    options: item.options ?? [],
    multiple: item.multiple ?? false,
  })); // shape of the SDK's QuestionInfo
  return { requestId: q.id, sessionId: q.sessionID, questions } satisfies PendingQuestion;
}

/** Translate one `/global/event` frame into our event, or null for the many we ignore. */
export function normalizeEvent(frame: GlobalEvent): AgentEvent | null {
  const payload = frame.payload;
  switch (payload.type) {
    case 'message.part.updated': {
      const part: Part = payload.properties.part;
      if (part.type === 'text' || part.type === 'reasoning') {
        return {
          type: part.type,
          sessionId: part.sessionID,
          partId: part.id,
          messageId: part.messageID,
          text: part.text,
          done: Boolean(part.time?.end),
        };
      }
      if (part.type === 'tool') {
        const state = part.state;
        return {
          type: 'tool',
          sessionId: part.sessionID,
          partId: part.id,
          messageId: part.messageID,
          tool: part.tool,
          status: state.status,
          title: 'title' in state && typeof state.title === 'string' ? state.title : null,
          input: state.input,
          output: state.status === 'completed' ? state.output : null,
          error: state.status === 'error' ? state.error : null,
        };
      }
      if (part.type === 'step-finish') {
        return {
          type: 'step_finish',
          sessionId: part.sessionID,
          messageId: part.messageID,
          reason: part.reason,
          tokens: toTokens(part.tokens),
          costUsd: part.cost,
        };
      }
      return null;
    }
    case 'session.status': {
      const status = payload.properties.status;
      return {
        type: 'status',
        sessionId: payload.properties.sessionID,
        status: status.type,
        message: status.type === 'retry' ? status.message : null,
        attempt: status.type === 'retry' ? status.attempt : null,
      };
    }
    case 'session.error':
      return payload.properties.sessionID
        ? {
            type: 'session_error',
            sessionId: payload.properties.sessionID,
            message: errorText(payload.properties.error),
          }
        : null;
    case 'session.idle':
      return { type: 'idle', sessionId: payload.properties.sessionID };
    case 'question.asked':
      return {
        type: 'question_asked',
        sessionId: payload.properties.sessionID,
        question: toQuestion(payload.properties),
        directory: frame.directory,
      };
    case 'question.replied':
    case 'question.rejected':
      return {
        type: 'question_resolved',
        sessionId: payload.properties.sessionID,
        requestId: payload.properties.requestID,
        action: payload.type === 'question.replied' ? 'replied' : 'rejected',
      };
    case 'catalog.updated':
    case 'global.disposed':
    case 'server.connected':
      return { type: 'catalog_changed' };
    default:
      return null;
  }
}

/** AgentRuntime over a real `opencode serve` (HTTP API v1 through `@opencode-ai/sdk/v2`). */
export function createHttpRuntime(options: HttpRuntimeOptions): AgentRuntime {
  const requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
  const headers: Record<string, string> = {};
  if (options.password) {
    const token = Buffer.from(`${options.username ?? 'opencode'}:${options.password}`).toString('base64');
    headers.Authorization = `Basic ${token}`;
  }
  const client = createOpencodeClient({ baseUrl: options.url, headers });
  const listeners = new Set<(event: AgentEvent) => void>();
  const stream: { controller: AbortController | null; closed: boolean; pumping: boolean } = {
    controller: null,
    closed: false,
    pumping: false,
  };

  const timeout = (ms = requestTimeoutMs) => AbortSignal.timeout(ms);

  async function pumpEvents() {
    if (stream.pumping) return;
    stream.pumping = true;
    let backoffMs = 250;
    while (!stream.closed && listeners.size > 0) {
      const controller = new AbortController();
      stream.controller = controller;
      try {
        // A stream opened while OpenCode is still starting (the port accepts, the server does not serve yet) never
        // delivers a frame, nor ends: connect only once OpenCode answers its health check.
        const { data: health } = await client.global.health({ signal: timeout() });
        if (!health?.healthy) throw new Error('OpenCode is not up yet');
        const { stream: frames } = await client.global.event({ signal: controller.signal, sseMaxRetryAttempts: 0 });
        backoffMs = 250;
        for await (const frame of frames) {
          const event = normalizeEvent(frame as GlobalEvent);
          if (event) for (const listener of listeners) listener(event);
        }
      } catch {
        // connection dropped or OpenCode not up yet: reconnect below unless closed
      }
      if (stream.closed || listeners.size === 0) break;
      await new Promise((r) => setTimeout(r, backoffMs));
      backoffMs = Math.min(backoffMs * 2, 5_000);
    }
    stream.controller = null;
    stream.pumping = false;
  }

  return {
    url: options.url,

    async health(ms = requestTimeoutMs): Promise<RuntimeHealth> {
      const started = performance.now();
      try {
        const { data, error } = await client.global.health({ signal: timeout(ms) });
        if (error || !data)
          return { reachable: false, version: null, url: options.url, latencyMs: null, error: errorText(error) };
        return {
          reachable: true,
          version: data.version,
          url: options.url,
          latencyMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        return { reachable: false, version: null, url: options.url, latencyMs: null, error: errorText(error) };
      }
    },

    async catalog(ms = 25_000): Promise<Catalog> {
      const { data, error } = await client.provider.list({}, { signal: timeout(ms) });
      if (error || !data) throw new Error(`OpenCode provider list failed: ${errorText(error)}`);
      const connected = new Set(data.connected);
      const allModels = toModels(data.all, connected);
      return {
        models: allModels.filter((m) => m.connected),
        allModels,
        connectedProviders: data.connected,
        defaultModels: data.default,
      };
    },

    async createSession({ directory, title }) {
      const { data, error } = await client.session.create(
        { directory, title, permission: ALLOW_ALL },
        { signal: timeout(15_000) },
      );
      if (error || !data) throw new Error(`OpenCode could not create a session: ${errorText(error)}`);
      return data.id;
    },

    async getSession(sessionId, directory) {
      const { data, error, response } = await client.session.get(
        { sessionID: sessionId, directory },
        { signal: timeout() },
      );
      if (data) return true;
      if (response?.status === 404) return false;
      throw new Error(`OpenCode could not read session ${sessionId}: ${errorText(error)}`);
    },

    async prompt(request: PromptRequest): Promise<PromptResult> {
      const { providerID, modelID } = splitModelId(request.model);
      const { data, error } = await client.session.prompt(
        {
          sessionID: request.sessionId,
          directory: request.directory,
          model: { providerID, modelID },
          ...(request.variant && { variant: request.variant }),
          ...(request.system && { system: request.system }),
          ...(request.tools && { tools: request.tools }),
          parts: [{ type: 'text', text: request.text }],
        },
        { ...(request.signal && { signal: request.signal }) },
      );
      if (error || !data) throw new Error(`OpenCode prompt failed: ${errorText(error)}`);
      const text = data.parts
        .flatMap((p) => (p.type === 'text' && !p.synthetic && !p.ignored ? [p.text] : []))
        .join('\n')
        .trim();
      return {
        messageId: data.info.id,
        text,
        tokens: toTokens(data.info.tokens),
        costUsd: data.info.cost,
        finish: data.info.finish ?? null,
        error: data.info.error ? promptErrorText(data.info.error) : null,
        toolCalls: data.parts.flatMap((p) =>
          p.type === 'tool'
            ? [{ tool: p.tool, status: p.state.status, title: 'title' in p.state ? (p.state.title ?? null) : null }]
            : [],
        ),
      };
    },

    async abort(sessionId, directory) {
      await client.session.abort({ sessionID: sessionId, directory }, { signal: timeout() });
    },

    async deleteSession(sessionId, directory) {
      const { error, response } = await client.session.delete(
        { sessionID: sessionId, directory },
        { signal: timeout() },
      );
      if (error && response?.status !== 404)
        throw new Error(`OpenCode could not delete session ${sessionId}: ${errorText(error)}`);
    },

    async listQuestions(directory) {
      const { data, error } = await client.question.list(directory ? { directory } : {}, { signal: timeout() });
      if (error || !data) throw new Error(`OpenCode question list failed: ${errorText(error)}`);
      return data.map(toQuestion);
    },

    async replyQuestion(requestId, answers, directory) {
      const { error } = await client.question.reply(
        { requestID: requestId, answers, ...(directory && { directory }) },
        { signal: timeout() },
      );
      if (error) throw new Error(`OpenCode question reply failed: ${errorText(error)}`);
    },

    async rejectQuestion(requestId, directory) {
      const { error } = await client.question.reject(
        { requestID: requestId, ...(directory && { directory }) },
        { signal: timeout() },
      );
      if (error) throw new Error(`OpenCode question reject failed: ${errorText(error)}`);
    },

    onEvent(listener) {
      listeners.add(listener);
      if (!stream.closed) void pumpEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stream.controller?.abort();
      };
    },

    close() {
      stream.closed = true;
      stream.controller?.abort();
      listeners.clear();
    },
  };
}
