import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api } from '../lib/trpc.ts';

interface Attempt {
  attempt: number;
  status: string | null;
  error: string | null;
  probes: {
    id: string;
    kind: string;
    command: string;
    exitCode: number | null;
    timedOut: boolean;
    /** What the check changed in the worktree; LoopTroop put it back (§10.5 step 5, §10.13). */
    worktreeChanges?: string[];
  }[];
}

type Probe = Attempt['probes'][number];

/** A probe that changed files failed (probes must be read-only); a hook validation that did is only a warning. */
const probeClass = (p: Probe) =>
  p.worktreeChanges?.length ? (p.kind === 'hook' ? 'warn' : 'fail') : p.exitCode === 0 && !p.timedOut ? 'pass' : 'fail';

/** workflow.md §10.5: the setup attempts ("attempt k of N"), their probes and outcomes, and the retry notes. */
export function SetupProgress(props: { ticketId: string }) {
  const report = createQuery(() => ({
    queryKey: keys.artifactsOf(props.ticketId, 'execution_setup_report'),
    queryFn: () => api.artifacts.list.query({ id: props.ticketId, artifactType: 'execution_setup_report' }),
  }));
  const data = () => {
    const latest = report.data?.at(-1);
    // written by the server's setup phase
    return latest
      ? (JSON.parse(latest.content) as { status: string; budget: number; attempts: Attempt[]; retryNotes: string[] })
      : null;
  };
  return (
    <Show when={data()}>
      {(r) => (
        <section class="panel" aria-label="Workspace setup" data-testid="setup-progress">
          <h2>
            Workspace setup — attempt {Math.max(1, r().attempts.length)} of {r().budget} ({r().status})
          </h2>
          <For each={r().attempts}>
            {(a) => (
              <div class="setup-attempt" data-attempt={a.attempt}>
                <h3>
                  Attempt {a.attempt}: {a.error ? 'failed' : (a.status ?? 'running')}
                </h3>
                <Show when={a.error}>
                  <p class="muted prewrap">{a.error}</p>
                </Show>
                <ul class="checks">
                  <For each={a.probes}>
                    {(p) => (
                      <li class={`check ${probeClass(p)}`} data-probe={p.id}>
                        <code>{p.command}</code> ({p.kind}) → {p.timedOut ? 'timed out' : `exit ${p.exitCode}`}
                        <Show when={p.worktreeChanges?.length}>
                          {' '}
                          — changed {p.worktreeChanges?.join(', ')} (put back)
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            )}
          </For>
          <Show when={r().retryNotes.length}>
            <h3>Retry notes</h3>
            <For each={r().retryNotes}>{(n) => <p class="prewrap">{n}</p>}</For>
          </Show>
        </section>
      )}
    </Show>
  );
}
