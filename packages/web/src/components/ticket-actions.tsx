import { useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { api, errorMessage, type Ticket } from '../lib/trpc.ts';
import { CancelTicketDialog } from './cancel-ticket-dialog.tsx';
import { FormError } from './form-error.tsx';

type TicketAction = Ticket['availableActions'][number];

/**
 * The button label of each action (workflow.md §4.7), or null while core has no procedure for it yet: the server's
 * `availableActions` decides what shows, this table decides what the web can do. Cancel has its own dialog.
 */
const ACTION_LABELS: Record<Exclude<TicketAction, 'cancel'>, string | null> = {
  start: 'Start',
  approve: 'Approve',
  retry: 'Retry',
  continue: null,
  merge: null,
  close_unmerged: null,
  edit_execution_setup_plan: null,
};

const isWired = (action: TicketAction): action is keyof typeof ACTION_LABELS =>
  action !== 'cancel' && ACTION_LABELS[action] !== null;

/**
 * The actions the server says are available in this status. `approveInPanel` leaves Approve to a gate's own view
 * (PRD and bead plan), which knows whether the document has unsaved edits.
 */
export function TicketActions(props: { ticket: Ticket; reviewSha: string | null; approveInPanel?: boolean }) {
  const client = useQueryClient();
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [confirmCancel, setConfirmCancel] = createSignal(false);
  const id = () => props.ticket.id;
  const run = async (action: () => Promise<unknown>) => {
    setError('');
    setBusy(true);
    try {
      await action();
      await client.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const perform = (action: keyof typeof ACTION_LABELS) => {
    switch (action) {
      case 'start':
        return run(() => api.ticketActions.start.mutate({ id: id() }));
      case 'retry':
        return run(() => api.ticketActions.retry.mutate({ id: id() }));
      case 'approve': {
        const sha = props.reviewSha;
        if (!sha) return setError('Nothing to approve yet: the artifact has not loaded.');
        return run(() => api.ticketActions.approve.mutate({ id: id(), expectedContentSha256: sha }));
      }
      default:
        return setError(`${action} is not available in this version.`);
    }
  };
  return (
    <div class="ticket-actions">
      <For
        each={props.ticket.availableActions.filter(isWired).filter((a) => !(a === 'approve' && props.approveInPanel))}
      >
        {(action) => (
          <button type="button" data-action={action} disabled={busy()} onClick={() => perform(action)}>
            {ACTION_LABELS[action]}
          </button>
        )}
      </For>
      <Show when={props.ticket.availableActions.includes('cancel')}>
        <button
          type="button"
          class="secondary danger"
          data-action="cancel"
          disabled={busy()}
          onClick={() => setConfirmCancel(true)}
        >
          Cancel…
        </button>
      </Show>
      <FormError message={error()} />
      <Show when={confirmCancel()}>
        <CancelTicketDialog
          ticketId={id()}
          onClose={() => setConfirmCancel(false)}
          onConfirm={(choice) => {
            setConfirmCancel(false);
            void run(() => api.ticketActions.cancel.mutate({ id: id(), ...choice }));
          }}
        />
      </Show>
    </div>
  );
}
