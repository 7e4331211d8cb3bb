/**
 * Token mode in the browser (issue 17, architecture.md §12 "Browser session"): the API token is entered once and
 * exchanged for an HttpOnly session cookie, which fetch, the tRPC client and EventSource then send by themselves.
 * These are the server's hand-written `/api/auth/session` routes (not tRPC procedures).
 */
export interface AuthState {
  tokenRequired: boolean;
  authenticated: boolean;
}

/** Fired when the server answers 401 (the session expired or the server restarted): the sign-in step returns. */
export const SIGNED_OUT_EVENT = 'looptroop:signed-out';

export async function fetchAuthState(): Promise<AuthState> {
  const res = await fetch('/api/auth/session');
  if (!res.ok) throw new Error(`The server answered ${res.status}`);
  return (await res.json()) as AuthState; // the server's own fixed shape (session-auth.ts)
}

/** Sign in with the token; resolves to null on success, or the server's reason. */
export async function signIn(token: string): Promise<string | null> {
  const res = await fetch('/api/auth/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (res.ok) return null;
  const body: unknown = await res.json().catch(() => null);
  const error = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : '';
  return error || `The server answered ${res.status}`;
}

/** fetch for the tRPC client: a 401 brings the sign-in step back. */
export const fetchReportingSignOut: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  if (res.status === 401) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  return res;
};
