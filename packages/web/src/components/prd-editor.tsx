import { useQueryClient } from '@tanstack/solid-query';
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { api, errorDetails, errorMessage } from '../lib/trpc.ts';
import { validationLines } from '../state/plan-issues.ts';

/**
 * The PRD as raw YAML (`.ticket/prd.yaml`). Save writes it through `PUT /api/files/:id/prd`, which validates and
 * canonicalizes it; a refused save lists the schema problems. A saved edit changes the hash the approval needs.
 */
export function PrdEditor(props: {
  ticketId: string;
  raw: string;
  isEditable: boolean;
  onDirty: (isDirty: boolean) => void;
}) {
  const client = useQueryClient();
  const [text, setText] = createSignal(props.raw);
  const [error, setError] = createSignal('');
  const [problems, setProblems] = createSignal<string[]>([]);
  const [saving, setSaving] = createSignal(false);
  const isDirty = () => text() !== props.raw;
  createEffect(() => props.onDirty(isDirty()));
  onCleanup(() => props.onDirty(false));
  const save = async () => {
    setError('');
    setProblems([]);
    setSaving(true);
    try {
      await api.files.put.mutate({ ticketId: props.ticketId, file: 'prd', content: text() });
      await client.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
      setProblems(validationLines(errorDetails(err)));
    } finally {
      setSaving(false);
    }
  };
  const discard = () => {
    setText(props.raw);
    setError('');
    setProblems([]);
  };
  return (
    <div class="editor">
      <textarea
        aria-label="PRD YAML"
        class="yaml"
        rows={24}
        spellcheck={false}
        readOnly={!props.isEditable}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <Show when={error()}>
        <div class="error" role="alert" data-testid="prd-save-error">
          <p>{problems().length ? 'The PRD was not saved:' : error()}</p>
          <Show when={problems().length > 0}>
            <ul>
              <For each={problems()}>{(line) => <li>{line}</li>}</For>
            </ul>
          </Show>
        </div>
      </Show>
      <Show when={props.isEditable}>
        <div class="actions">
          <Show when={isDirty()}>
            <span class="muted small">Unsaved changes</span>
          </Show>
          <button type="button" class="secondary" onClick={discard} disabled={!isDirty() || saving()}>
            Discard
          </button>
          <button type="button" class="secondary" onClick={save} disabled={!isDirty() || saving()}>
            Save PRD
          </button>
        </div>
      </Show>
    </div>
  );
}
