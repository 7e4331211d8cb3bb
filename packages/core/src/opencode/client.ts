// The agent runtime as LoopTroop needs it: a small, consumer-owned port. `http-client.ts` implements it over a
// real `opencode serve`; tests may use the same implementation against the scripted model.

export interface ModelInfo {
  /** `provider/model` */
  id: string;
  providerId: string;
  modelId: string;
  name: string;
  variants: string[];
  contextLimit: number | null;
  connected: boolean;
}

export interface Catalog {
  models: ModelInfo[];
  allModels: ModelInfo[];
  connectedProviders: string[];
  defaultModels: Record<string, string>;
}

/** Checks the locked models against the OpenCode catalog before Start (architecture.md §3.3). */
export type ModelCheck = (
  modelIds: string[],
) => Promise<{ ok: true } | { ok: false; unreachable: true; message: string } | { ok: false; missing: string[] }>;

export interface RuntimeHealth {
  reachable: boolean;
  version: string | null;
  url: string;
  latencyMs: number | null;
  error?: string;
}

export interface TokenUsage {
  input: number;
  output: number;
  reasoning: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface PromptRequest {
  sessionId: string;
  directory: string;
  /** `provider/model` */
  model: string;
  variant?: string | null;
  text: string;
  system?: string;
  /** Tool switches, e.g. `{ write: false, edit: false, bash: false }` for read-only phases. */
  tools?: Record<string, boolean>;
  signal?: AbortSignal;
}

export interface PromptResult {
  messageId: string;
  text: string;
  tokens: TokenUsage;
  costUsd: number;
  finish: string | null;
  error: string | null;
  toolCalls: { tool: string; status: string; title: string | null }[];
}

export interface PendingQuestion {
  requestId: string;
  sessionId: string;
  questions: {
    question: string;
    header: string;
    options: { label: string; description?: string }[];
    multiple: boolean;
  }[];
}

/** Normalized live events from the runtime, keyed by session. */
export type AgentEvent =
  | { type: 'text'; sessionId: string; partId: string; messageId: string; text: string; done: boolean }
  | { type: 'reasoning'; sessionId: string; partId: string; messageId: string; text: string; done: boolean }
  | {
      type: 'tool';
      sessionId: string;
      partId: string;
      messageId: string;
      tool: string;
      status: string;
      title: string | null;
      input: unknown;
      output: string | null;
      error: string | null;
    }
  | { type: 'step_finish'; sessionId: string; messageId: string; reason: string; tokens: TokenUsage; costUsd: number }
  | { type: 'status'; sessionId: string; status: string; message: string | null; attempt: number | null }
  | { type: 'session_error'; sessionId: string; message: string }
  | { type: 'idle'; sessionId: string }
  | { type: 'question_asked'; sessionId: string; question: PendingQuestion; directory: string }
  | { type: 'question_resolved'; sessionId: string; requestId: string; action: 'replied' | 'rejected' }
  /** The model catalogue may have changed: OpenCode said so, reloaded its config, or we (re)connected to it. */
  | { type: 'catalog_changed' };

export interface AgentRuntime {
  readonly url: string;
  health(timeoutMs?: number): Promise<RuntimeHealth>;
  catalog(timeoutMs?: number): Promise<Catalog>;
  createSession(input: { directory: string; title: string }): Promise<string>;
  /** Whether OpenCode can read the session: false only when it answers "not found"; throws when it cannot tell. */
  getSession(sessionId: string, directory: string): Promise<boolean>;
  /** Resolves when the agent's turn ends; abort through `signal`. */
  prompt(request: PromptRequest): Promise<PromptResult>;
  abort(sessionId: string, directory: string): Promise<void>;
  /** Delete a session and its history from OpenCode (`DELETE /session/:id`); a session already gone is not an error. */
  deleteSession(sessionId: string, directory: string): Promise<void>;
  listQuestions(directory?: string): Promise<PendingQuestion[]>;
  replyQuestion(requestId: string, answers: string[][], directory?: string): Promise<void>;
  rejectQuestion(requestId: string, directory?: string): Promise<void>;
  /** Subscribe to live events (connects lazily, reconnects on drops). */
  onEvent(listener: (event: AgentEvent) => void): () => void;
  close(): void;
}

export function splitModelId(id: string): { providerID: string; modelID: string } {
  const slash = id.indexOf('/');
  return { providerID: id.slice(0, slash), modelID: id.slice(slash + 1) };
}
