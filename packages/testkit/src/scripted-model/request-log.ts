import type { ReplySource } from './rule-matcher.ts';

export type ReplyKind = 'text' | 'tool-calls' | 'malformed' | 'http-error' | 'hang';

/** One chat request as the scripted model saw it. */
export interface LoggedRequest {
  /** 1-based arrival order. */
  number: number;
  /** ISO timestamp of arrival. */
  at: string;
  model: string;
  stream: boolean;
  /** The matched rule's name (`rule N` when unnamed), or null when a default answered. */
  rule: string | null;
  ruleIndex: number | null;
  source: ReplySource;
  replyKind: ReplyKind;
  isAfterToolResult: boolean;
  /** The agent's step within its turn: assistant messages since the last user message. */
  step: number;
  /** Characters over all messages, system prompt included. */
  promptChars: number;
  /** promptChars / 4, rounded up. */
  tokenEstimate: number;
  /** Names of the tools the client offered. */
  tools: string[];
  lastUser: string;
  /** Every user message's text, oldest first: the conversation history the client sent. */
  userMessages: string[];
  /** The OpenCode session the request belongs to (its `X-Session-Id` header), null when absent. */
  sessionId: string | null;
  /** The last tool message's content, null when no tool ran. */
  toolResult: string | null;
}

/** An append-only log that can be awaited: `waitFor(n)` resolves once n requests have arrived. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  readonly #waiters = new Set<{ count: number; resolve: () => void }>();

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    for (const waiter of this.#waiters) {
      if (this.entries.length >= waiter.count) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  async waitFor(count: number, timeoutMs: number): Promise<LoggedRequest[]> {
    if (this.entries.length >= count) return [...this.entries];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const seen = this.entries.map((e) => `${e.model}:${e.rule ?? e.source}`).join(', ');
        reject(
          new Error(`expected ${count} model requests within ${timeoutMs} ms, got ${this.entries.length} [${seen}]`),
        );
      }, timeoutMs);
      const waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.#waiters.add(waiter);
    });
    return [...this.entries];
  }
}
