import { useQueryClient } from '@tanstack/solid-query';
import { createSignal, For } from 'solid-js';
import { api, errorMessage, type Ticket } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';
import { Modal } from './modal.tsx';

export function EditTicketDialog(props: { ticket: Ticket; onClose: () => void }) {
  const client = useQueryClient();
  const [error, setError] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setError('');
    try {
      await api.tickets.update.mutate({
        id: props.ticket.id,
        title: String(form.get('title') ?? ''),
        description: String(form.get('description') ?? ''),
        priority: Number(form.get('priority')),
      });
      await client.invalidateQueries();
      props.onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal title={`Edit ${props.ticket.id}`} onClose={props.onClose}>
      <form class="form" onSubmit={submit}>
        <label>
          Title
          <input name="title" required maxLength={200} value={props.ticket.title} />
        </label>
        <label>
          Description
          <textarea name="description" rows={6} maxLength={50000} value={props.ticket.description} />
        </label>
        <label>
          Priority
          <select name="priority">
            <For each={[1, 2, 3, 4, 5]}>
              {(p) => (
                <option value={p} selected={p === props.ticket.priority}>
                  P{p}
                </option>
              )}
            </For>
          </select>
        </label>
        <FormError message={error()} />
        <div class="actions">
          <button type="submit">Save</button>
        </div>
      </form>
    </Modal>
  );
}
