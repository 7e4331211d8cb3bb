import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { navigate } from '../lib/router.ts';
import { api, errorMessage } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';
import { Modal } from './modal.tsx';

export function NewTicketDialog(props: { onClose: () => void }) {
  const client = useQueryClient();
  const projects = createQuery(() => ({ queryKey: keys.projects, queryFn: () => api.projects.list.query() }));
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      const ticket = await api.tickets.create.mutate({
        projectId: Number(form.get('projectId')),
        title: String(form.get('title') ?? ''),
        description: String(form.get('description') ?? ''),
        priority: Number(form.get('priority')),
      });
      await client.invalidateQueries({ queryKey: keys.tickets });
      props.onClose();
      navigate(`/ticket/${ticket.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="New ticket" onClose={props.onClose}>
      <Show when={(projects.data ?? []).length > 0} fallback={<p class="muted">Attach a project first (Projects).</p>}>
        <form class="form" onSubmit={submit}>
          <label>
            Project
            <select name="projectId" required>
              <For each={projects.data ?? []}>
                {(p) => <option value={p.id}>{`${p.name} (${p.shortname})`}</option>}
              </For>
            </select>
          </label>
          <label>
            Title
            <input name="title" required maxLength={500} placeholder="What should be built?" />
          </label>
          <label>
            Description
            <textarea
              name="description"
              rows={5}
              maxLength={50000}
              placeholder="Context, constraints, links (Markdown)"
            />
          </label>
          <label>
            Priority
            <select name="priority">
              <For each={[1, 2, 3, 4, 5]}>
                {(p) => <option value={p} selected={p === 3}>{`P${p}${p === 3 ? ' (normal)' : ''}`}</option>}
              </For>
            </select>
          </label>
          <FormError message={error()} />
          <div class="actions">
            <button type="submit" disabled={busy()}>
              Create ticket
            </button>
          </div>
        </form>
      </Show>
    </Modal>
  );
}
