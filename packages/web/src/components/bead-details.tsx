import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, type Bead, errorKind, errorMessage } from '../lib/trpc.ts';
import { DiffViewer } from './diff-viewer.tsx';

type Note = Bead['failedIterationNotes'][number];

function Notes(props: { title: string; notes: readonly Note[]; testId: string }) {
  return (
    <Show when={props.notes.length > 0}>
      <h4>{props.title}</h4>
      <ol class="bead-notes" data-testid={props.testId}>
        <For each={props.notes}>
          {(note) => (
            <li>
              <span class="muted small">
                Iteration {note.iteration} · {new Date(note.timestamp).toLocaleString()}
                {note.errorCode ? ` · ${note.errorCode}` : ''}
              </span>
              <p class="prewrap">{note.content}</p>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}

/**
 * One bead's execution record (architecture.md "Coding / bead execution"): its three note histories (failed
 * iterations, user retry notes, finalization failures) and its Changes, the captured `bead_diff` once it is done.
 */
export function BeadDetails(props: { ticketId: string; bead: Bead }) {
  const diff = createQuery(() => ({
    queryKey: keys.beadDiff(props.ticketId, props.bead.id),
    queryFn: () => api.diffs.bead.query({ id: props.ticketId, beadId: props.bead.id }),
    retry: false,
  }));
  return (
    <div class="bead-details">
      <p class="small">{props.bead.description}</p>
      <Notes title="Failed iteration notes" notes={props.bead.failedIterationNotes} testId="failed-notes" />
      <Notes title="User retry notes" notes={props.bead.userRetryNotes} testId="retry-notes" />
      <Notes
        title="Finalization failure notes"
        notes={props.bead.finalizationFailureNotes}
        testId="finalization-notes"
      />
      <h4>Changes</h4>
      <Show
        when={diff.data}
        fallback={
          <p class="muted small" data-testid="bead-diff-missing">
            {diff.isPending
              ? 'Loading…'
              : errorKind(diff.error) === 'not_found'
                ? 'No diff captured yet: it is recorded when the bead is done.'
                : errorMessage(diff.error)}
          </p>
        }
      >
        {(d) => (
          <DiffViewer content={d().content} files={d().files} additions={d().additions} deletions={d().deletions} />
        )}
      </Show>
    </div>
  );
}
