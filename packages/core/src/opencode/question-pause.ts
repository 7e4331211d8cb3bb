import type { AgentEvent, AgentRuntime } from './client.ts';

// workflow.md §10.6 "OpenCode questions" (and §5.2 for council rounds): while the agent waits for the operator's
// answer, the prompt's deadline stands still. The clock resumes when the last pending question of the session is
// answered or rejected, or when the session shows progress again (a lost `question.replied` event must not freeze it).

export interface PausableTimeout {
  /** Aborts once `timeoutMs` of unpaused time has passed. */
  signal: AbortSignal;
  /** Time spent paused so far. */
  pausedMs(): number;
  stop(): void;
}

export function pausableTimeout(
  runtime: AgentRuntime,
  sessionId: string,
  timeoutMs: number,
  now: () => number = Date.now,
): PausableTimeout {
  const controller = new AbortController();
  const pending = new Set<string>();
  let remaining = timeoutMs;
  let runningSince = now();
  let pausedSince: number | null = null;
  let paused = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    timer = setTimeout(() => controller.abort(new Error('timeout')), Math.max(1, remaining));
  };
  const pause = () => {
    if (pausedSince !== null || controller.signal.aborted) return;
    clearTimeout(timer);
    remaining -= now() - runningSince;
    pausedSince = now();
  };
  const resume = () => {
    if (pausedSince === null) return;
    pending.clear();
    paused += now() - pausedSince;
    pausedSince = null;
    runningSince = now();
    arm();
  };
  const onEvent = (event: AgentEvent) => {
    if (!('sessionId' in event) || event.sessionId !== sessionId) return;
    if (event.type === 'question_asked') {
      pending.add(event.question.requestId);
      pause();
    } else if (event.type === 'question_resolved') {
      pending.delete(event.requestId);
      if (pending.size === 0) resume();
    } else if (event.type === 'text' || event.type === 'tool' || event.type === 'step_finish') resume();
  };
  const unsubscribe = runtime.onEvent(onEvent);
  arm();
  return {
    signal: controller.signal,
    pausedMs: () => paused + (pausedSince === null ? 0 : now() - pausedSince),
    stop() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
