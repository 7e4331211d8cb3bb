import type { AgentEvent, AgentRuntime } from './client.ts';

// workflow.md §10.6 "Provider or session interruptions" and §15: OpenCode retries a stalled provider itself and
// reports each retry as a `session.status` retry event. LoopTroop tolerates `opencodeRetryLimit` of them, and a
// stall (retrying without any progress) of at most the grace window `opencodeRetryDelay`; past either, the prompt
// stops and fails as "retry budget exhausted" — a continuable failure (§4.4), so the session stays preserved.

export interface RetryPolicy {
  /** Retry events tolerated; 0 blocks on the first one. */
  limit: number;
  /** How long the provider may stay in retry without progress; 0 turns the timer off. */
  graceMs: number;
}

export interface RetryWatch {
  /** Aborts once the budget is exhausted. */
  signal: AbortSignal;
  /** Why it was exhausted (null while it is not). */
  reason(): string | null;
  stop(): void;
}

export function watchRetries(runtime: AgentRuntime, sessionId: string, policy: RetryPolicy): RetryWatch {
  const controller = new AbortController();
  let reason: string | null = null;
  let retries = 0;
  let stall: ReturnType<typeof setTimeout> | undefined;
  const exhaust = (why: string) => {
    if (reason) return;
    reason = why;
    controller.abort(new Error(why));
  };
  const onEvent = (event: AgentEvent) => {
    if (!('sessionId' in event) || event.sessionId !== sessionId) return;
    if (event.type === 'status' && event.status === 'retry') {
      retries++;
      const last = event.message ? ` (last: ${event.message})` : '';
      if (retries > policy.limit)
        return exhaust(
          `OpenCode retry budget exhausted: ${retries} provider retries, the limit is ${policy.limit}${last}`,
        );
      if (policy.graceMs > 0 && stall === undefined)
        stall = setTimeout(
          () =>
            exhaust(
              `OpenCode retry budget exhausted: the provider kept retrying for ${Math.round(policy.graceMs / 1000)} s without progress${last}`,
            ),
          policy.graceMs,
        );
      return;
    }
    // Any sign of work (text, a tool, a finished step, busy again) ends the stall.
    if (event.type === 'text' || event.type === 'reasoning' || event.type === 'tool' || event.type === 'step_finish') {
      clearTimeout(stall);
      stall = undefined;
    }
  };
  const unsubscribe = runtime.onEvent(onEvent);
  return {
    signal: controller.signal,
    reason: () => reason,
    stop() {
      clearTimeout(stall);
      unsubscribe();
    },
  };
}
