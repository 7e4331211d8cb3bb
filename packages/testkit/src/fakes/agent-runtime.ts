// An in-process AgentRuntime for fast tests that never prompt a model (the workflow engine's Continue and PR review
// tests): offline by default, every call a test does not override fails loudly.
import type { AgentRuntime } from '@looptroop/core';

const unused = async (): Promise<never> => {
  throw new Error('OpenCode is not used by this test');
};

/** An unreachable OpenCode; pass the calls the test relies on (`getSession`, `abort`, `health`…) as overrides. */
export function fakeRuntime(overrides: Partial<AgentRuntime> = {}): AgentRuntime {
  const url = overrides.url ?? 'http://127.0.0.1:9';
  return {
    url,
    health: async () => ({ reachable: false, version: null, url, latencyMs: null }),
    catalog: unused,
    createSession: unused,
    getSession: unused,
    prompt: unused,
    abort: async () => undefined,
    deleteSession: async () => undefined,
    listQuestions: async () => [],
    replyQuestion: unused,
    rejectQuestion: unused,
    onEvent: () => () => undefined,
    close: () => undefined,
    ...overrides,
  };
}
