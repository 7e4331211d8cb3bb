import { fakeRuntime } from '@looptroop/testkit/fakes';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from './client.ts';
import { pausableTimeout } from './question-pause.ts';

// workflow.md §10.6 "OpenCode questions": the prompt deadline stands still while the agent waits for the operator.
// A hand-moved clock; the runtime fake only relays events.

function world() {
  const listeners = new Set<(e: AgentEvent) => void>();
  const runtime = fakeRuntime({
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  let t = 0;
  return {
    runtime,
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    emit: (e: AgentEvent) => {
      for (const l of listeners) l(e);
    },
  };
}

const asked = (requestId: string, sessionId = 'ses_1'): AgentEvent => ({
  type: 'question_asked',
  sessionId,
  directory: '/w',
  question: { requestId, sessionId, questions: [] },
});
const resolved = (requestId: string, sessionId = 'ses_1'): AgentEvent => ({
  type: 'question_resolved',
  sessionId,
  requestId,
  action: 'replied',
});

describe('a prompt deadline that pauses for questions', () => {
  it('counts the time between the question and its last answer as paused, for this session only', () => {
    const w = world();
    const timeout = pausableTimeout(w.runtime, 'ses_1', 60_000, w.now);
    w.advance(1000);
    w.emit(asked('q1'));
    w.emit(asked('q2'));
    w.emit(asked('other', 'ses_2'));
    w.advance(5000);
    w.emit(resolved('q1'));
    expect(timeout.pausedMs()).toBe(5000);
    w.advance(2000);
    w.emit(resolved('q2'));
    w.advance(3000);
    expect(timeout.pausedMs()).toBe(7000);
    expect(timeout.signal.aborted).toBe(false);
    timeout.stop();
  });

  it('resumes on the next sign of progress when the answer event was lost', () => {
    const w = world();
    const timeout = pausableTimeout(w.runtime, 'ses_1', 60_000, w.now);
    w.emit(asked('q1'));
    w.advance(4000);
    w.emit({ type: 'text', sessionId: 'ses_1', partId: 'p', messageId: 'm', text: 'thanks', done: false });
    w.advance(4000);
    expect(timeout.pausedMs()).toBe(4000);
    timeout.stop();
  });

  it('still fires after the unpaused time has run out', async () => {
    const w = world();
    const timeout = pausableTimeout(w.runtime, 'ses_1', 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(timeout.signal.aborted).toBe(true);
    timeout.stop();
  });
});
