import { createQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { api } from '../lib/trpc.ts';

/** Every artifact of the ticket (phase, attempt, type), with its content on demand. */
export function ArtifactsPanel(props: { ticketId: string }) {
  const artifacts = createQuery(() => ({
    queryKey: ['artifacts', props.ticketId],
    queryFn: () => api.artifacts.list.query({ id: props.ticketId }),
  }));
  const [open, setOpen] = createSignal<number | null>(null);
  return (
    <Show when={(artifacts.data ?? []).length > 0}>
      <section class="panel" aria-label="Artifacts">
        <h2>Artifacts</h2>
        <ul class="artifacts">
          <For each={artifacts.data ?? []}>
            {(a) => (
              <li>
                <button type="button" class="link" onClick={() => setOpen(open() === a.id ? null : a.id)}>
                  <code>{a.artifactType}</code>{' '}
                  <span class="muted small">{`${a.phase} · attempt ${a.phaseAttempt} · ${a.updatedAt.slice(0, 19).replace('T', ' ')}`}</span>
                </button>
                <Show when={open() === a.id}>
                  <pre class="artifact-content">{a.content}</pre>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
