import { useQueryClient } from '@tanstack/solid-query';
import { createSignal } from 'solid-js';
import { api, errorMessage } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';

/** Raw YAML editor for the interview at its approval gate: Save writes it (validated); Approve uses its hash. */
export function InterviewEditor(props: { ticketId: string; raw: string }) {
  const client = useQueryClient();
  const [text, setText] = createSignal(props.raw);
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  const save = async () => {
    setError('');
    setSaved(false);
    try {
      await api.interview.put.mutate({ id: props.ticketId, raw: text() });
      await client.invalidateQueries();
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div class="editor">
      <textarea
        aria-label="Interview YAML"
        class="yaml"
        rows={16}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <FormError message={error()} />
      <div class="actions">
        {saved() ? <span class="ok">Saved — review, then Approve</span> : null}
        <button type="button" class="secondary" onClick={save} disabled={text() === props.raw}>
          Save
        </button>
      </div>
    </div>
  );
}
