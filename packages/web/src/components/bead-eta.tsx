import { createQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { createNow } from '../lib/now.ts';
import { keys } from '../lib/query-client.ts';
import { api } from '../lib/trpc.ts';
import { basisLabel, etaText } from '../state/bead-progress.ts';

/** The bead progress query the header, the card and the coding panel share (one fetch per ticket). */
export const beadProgressQuery = (ticketId: () => string, enabled: () => boolean = () => true) =>
  createQuery(() => ({
    queryKey: keys.beadProgress(ticketId()),
    queryFn: () => api.progress.beads.query({ id: ticketId() }),
    enabled: enabled(),
  }));

/**
 * workflow.md §10.6 "Progress UI": `completed/total` beads (apart from the phase progress) and the ETA range, counting
 * down from the current attempt's `updatedAt`; it stands still while the ticket is blocked.
 */
export function BeadEta(props: { ticketId: string; enabled?: boolean; etaOnly?: boolean }) {
  const progress = beadProgressQuery(
    () => props.ticketId,
    () => props.enabled ?? true,
  );
  const nowMs = createNow();
  return (
    <Show when={progress.data?.total ? progress.data : null}>
      {(p) => (
        <span
          class="bead-eta muted small"
          data-testid="bead-eta"
          title={p().eta ? basisLabel(p().eta?.basis ?? '') : ''}
        >
          {[props.etaOnly ? null : `${p().completed}/${p().total} beads`, etaText(p(), nowMs())]
            .filter(Boolean)
            .join(' · ')}
        </span>
      )}
    </Show>
  );
}
