import { vi } from 'vitest';

export interface TrpcCall {
  path: string;
  input: unknown;
}

/** A procedure's answer: its data, or a server error (`{ error, kind, details }`) with its HTTP status. */
export type FakeAnswer = { data: unknown } | { error: string; kind: string; details?: unknown; status: number };
type Handler = (input: unknown) => FakeAnswer | Promise<FakeAnswer>;

/**
 * Stand in for the server behind the web's tRPC client (httpLink): queries arrive as GET `/trpc/<path>?input=…`,
 * mutations as POST with the input as body. Each procedure answers from `handlers`; an unknown one is a 404.
 * Returns every call, in order.
 */
export function stubTrpc(handlers: Record<string, Handler>): TrpcCall[] {
  const calls: TrpcCall[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const parsed = new URL(url, 'http://localhost');
    const path = parsed.pathname.replace(/^\/trpc\//, '');
    const query = parsed.searchParams.get('input');
    const body = typeof init?.body === 'string' ? init.body : query;
    const input: unknown = body ? JSON.parse(body) : undefined;
    calls.push({ path, input });
    const handler = handlers[path];
    const answer: FakeAnswer = handler
      ? await handler(input)
      : { error: `no fake for ${path}`, kind: 'not_found', status: 404 };
    const json =
      'data' in answer
        ? { result: { data: answer.data } }
        : {
            error: {
              error: answer.error,
              kind: answer.kind,
              details: answer.details,
              message: answer.error,
              code: -32600,
              data: {},
            },
          };
    return new Response(JSON.stringify(json), {
      status: 'data' in answer ? 200 : answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

/** A ui-state store for `tickets.uiState` / `tickets.putUiState`, seeded per scope. */
export function fakeUiState(seed: Record<string, unknown> = {}, updatedAt = '2026-11-29T12:03:04.000Z') {
  const store = new Map<string, unknown>(Object.entries(seed));
  const scopeOf = (input: unknown) =>
    typeof input === 'object' && input !== null && 'scope' in input ? String(input.scope) : '';
  return {
    store,
    handlers: {
      'tickets.uiState': (input: unknown) => {
        const scope = scopeOf(input);
        const exists = store.has(scope);
        return {
          data: { scope, exists, data: store.get(scope) ?? null, revision: 1, updatedAt: exists ? updatedAt : null },
        };
      },
      'tickets.putUiState': (input: unknown) => {
        const scope = scopeOf(input);
        const data = typeof input === 'object' && input !== null && 'data' in input ? input.data : null;
        // the real server deletes the scope on null data; the web app never sends it (lib/trpc.ts CLEARED_UI_STATE)
        if (data === null)
          return { error: 'null clears a scope; not expected from the web app', kind: 'internal', status: 500 };
        store.set(scope, data);
        return { data: { scope, exists: true, data, revision: 2, updatedAt } };
      },
    } satisfies Record<string, Handler>,
  };
}
