import { useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { api, errorMessage, type Ticket } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';
import { Modal } from './modal.tsx';

/** The actions the server says are available in this status (workflow.md §4.7). */
export function TicketActions(props: { ticket: Ticket; reviewSha: string | null }) {
  const client = useQueryClient();
  const [error, setError] = createSignal('');
  const [confirmCancel, setConfirmCancel] = createSignal(false);
  const refresh = () => client.invalidateQueries();
  const run = async (action: () => Promise<unknown>) => {
    setError('');
    try {
      await action();
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const id = () => props.ticket.id;
  const labels: Record<string, string> = { start: 'Start', retry: 'Retry', approve: 'Approve' };
  const perform = (action: string) => {
    if (action === 'start') return run(() => api.ticketActions.start.mutate({ id: id() }));
    if (action === 'retry') return run(() => api.ticketActions.retry.mutate({ id: id() }));
    if (action === 'approve') {
      const sha = props.reviewSha;
      if (!sha) return setError('Nothing to approve yet');
      return run(() => api.ticketActions.approve.mutate({ id: id(), expectedContentSha256: sha }));
    }
    return undefined;
  };
  return (
    <div class="ticket-actions">
      <For each={props.ticket.availableActions.filter((a) => a in labels)}>
        {(action) => (
          <button type="button" data-action={action} onClick={() => perform(action)}>
            {labels[action]}
          </button>
        )}
      </For>
      <Show when={props.ticket.availableActions.includes('cancel')}>
        <button type="button" class="secondary danger" data-action="cancel" onClick={() => setConfirmCancel(true)}>
          Cancel…
        </button>
      </Show>
      <FormError message={error()} />
      <Show when={confirmCancel()}>
        <Modal title={`Cancel ${id()}?`} onClose={() => setConfirmCancel(false)}>
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              setConfirmCancel(false);
              void run(() =>
                api.ticketActions.cancel.mutate({
                  id: id(),
                  deleteContent: form.get('deleteContent') === 'on',
                  deleteLog: form.get('deleteLog') === 'on',
                }),
              );
            }}
          >
            <p>Canceling stops all work on this ticket. It cannot be restarted; the ticket record stays.</p>
            <label class="check">
              <input type="checkbox" name="deleteContent" /> Delete AI artifacts, the worktree and its branch
            </label>
            <label class="check">
              <input type="checkbox" name="deleteLog" /> Delete the execution log
            </label>
            <div class="actions">
              <button type="submit" class="danger">
                Cancel ticket
              </button>
            </div>
          </form>
        </Modal>
      </Show>
    </div>
  );
}
