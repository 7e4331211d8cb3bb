import { useQueryClient } from '@tanstack/solid-query';
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { api, type BeadsView, errorDetails, errorMessage } from '../lib/trpc.ts';
import { type PlanIssue, planIssuesOf } from '../state/plan-issues.ts';

/** The bead plan as raw JSONL (`issues.jsonl`, one bead per line); Save replaces the whole plan. */
export function BeadsRawEditor(props: { view: BeadsView; onDirty: (isDirty: boolean) => void }) {
  const client = useQueryClient();
  const loaded = props.view.raw ?? '';
  const [text, setText] = createSignal(loaded);
  const [error, setError] = createSignal('');
  const [issues, setIssues] = createSignal<PlanIssue[]>([]);
  const [saving, setSaving] = createSignal(false);
  const isDirty = () => text() !== loaded;
  createEffect(() => props.onDirty(isDirty()));
  onCleanup(() => props.onDirty(false));
  const save = async () => {
    setError('');
    setIssues([]);
    setSaving(true);
    try {
      await api.beads.put.mutate({
        id: props.view.ticketId,
        raw: text(),
        ...(props.view.contentSha256 && { expectedContentSha256: props.view.contentSha256 }),
      });
      await client.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
      setIssues(planIssuesOf(errorDetails(err)));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div class="editor">
      <textarea
        aria-label="Bead plan JSONL"
        class="yaml"
        rows={16}
        spellcheck={false}
        wrap="off"
        readOnly={!props.view.editable}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <Show when={error()}>
        <div class="error" role="alert">
          <p>{error()}</p>
          <Show when={issues().length > 0}>
            <ul>
              <For each={issues()}>
                {(issue) => (
                  <li>
                    {issue.beadId ? <code>{issue.beadId}</code> : null} {issue.message}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </Show>
      <Show when={props.view.editable}>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setText(loaded)} disabled={!isDirty() || saving()}>
            Discard
          </button>
          <button type="button" class="secondary" onClick={save} disabled={!isDirty() || saving()}>
            Save JSONL
          </button>
        </div>
      </Show>
    </div>
  );
}
