import { createSignal } from 'solid-js';
import { FormError } from '../components/form-error.tsx';
import { signIn } from '../lib/auth.ts';

/** The sign-in step of token mode: the token is sent once, the server answers with a session cookie. */
export function SignInPage(props: { onSignedIn: () => void }) {
  const [token, setToken] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    const reason = await signIn(token()).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    setBusy(false);
    if (reason) return setError(reason);
    setToken('');
    props.onSignedIn();
  };
  return (
    <main class="sign-in">
      <form class="form" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to LoopTroop</h1>
        <p>This server is reachable from other machines, so it asks for its API token (LOOPTROOP_API_TOKEN).</p>
        <label>
          API token
          <input
            type="password"
            autocomplete="current-password"
            required
            value={token()}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </label>
        <FormError message={error()} />
        <button type="submit" disabled={busy() || !token()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
