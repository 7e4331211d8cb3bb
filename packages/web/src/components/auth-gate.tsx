import { createResource, type JSX, Match, onCleanup, Switch } from 'solid-js';
import { fetchAuthState, SIGNED_OUT_EVENT } from '../lib/auth.ts';
import { SignInPage } from '../pages/sign-in.tsx';

/** Shows the app, or the sign-in step when the server runs in token mode and this browser has no session. */
export function AuthGate(props: { children: JSX.Element }) {
  // Unreachable server: show the app, whose banner says so (and retries).
  const [state, { refetch }] = createResource(() => fetchAuthState().catch(() => null));
  const onSignedOut = () => void refetch();
  window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
  onCleanup(() => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut));
  return (
    <Switch fallback={props.children}>
      <Match when={state.loading && !state.latest}>{null}</Match>
      <Match when={state.latest?.tokenRequired && !state.latest.authenticated}>
        <SignInPage onSignedIn={() => void refetch()} />
      </Match>
    </Switch>
  );
}
