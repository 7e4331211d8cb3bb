import { createSignal, For, Show } from 'solid-js';
import { createTicketActionRunner } from '../lib/ticket-action-runner.ts';
import { api, type Ticket } from '../lib/trpc.ts';
import { CancelTicketDialog } from './cancel-ticket-dialog.tsx';
import { FormError } from './form-error.tsx';
import { type PrReviewChoice, PrReviewDialog } from './pr-review-dialog.tsx';

type TicketAction = Ticket['availableActions'][number];

/**
 * The header button of each action (workflow.md §4.7), or null when it lives elsewhere: Retry, Continue and
 * "Edit setup plan…" sit in the error panel beside what each does (blocked-actions.tsx). The server's
 * `availableActions` decides what shows, this table decides where.
 * A label ending in "…" opens a confirmation dialog.
 */
const HEADER_LABELS: Record<TicketAction, string | null> = {
  start: 'Start',
  approve: 'Approve',
  merge: 'Merge PR & Finish…',
  close_unmerged: 'Finish Without Merge…',
  cancel: 'Cancel…',
  retry: null,
  continue: null,
  edit_execution_setup_plan: null,
};

const BUTTON_CLASS: Partial<Record<TicketAction, string>> = {
  close_unmerged: 'secondary',
  cancel: 'secondary danger',
};

/**
 * The actions the server says are available in this status. `approveInPanel` leaves Approve to a gate's own view
 * (PRD and bead plan), which knows whether the document has unsaved edits.
 */
export function TicketActions(props: {
  ticket: Ticket;
  reviewSha: string | null;
  approveInPanel?: boolean;
  /**
   * Issue 14: Merge PR & Finish is offered only when the delivery can merge (the pull request view says; the panel
   * then shows the command instead). Default: offered.
   */
  mergeOffered?: boolean;
}) {
  const action = createTicketActionRunner(() => props.ticket, 'header');
  const [confirmCancel, setConfirmCancel] = createSignal(false);
  const [review, setReview] = createSignal<PrReviewChoice | null>(null);
  const id = () => props.ticket.id;
  const shown = () =>
    props.ticket.availableActions.filter(
      (a) =>
        HEADER_LABELS[a] !== null &&
        !(a === 'approve' && props.approveInPanel) &&
        !(a === 'merge' && props.mergeOffered === false),
    );
  const finishReview = (choice: PrReviewChoice, reason: string | null) =>
    choice === 'merge'
      ? api.ticketActions.merge.mutate({ id: id() })
      : api.ticketActions.closeUnmerged.mutate(reason ? { id: id(), reason } : { id: id() });
  const perform = (name: TicketAction) => {
    switch (name) {
      case 'start':
        return action.run(() => api.ticketActions.start.mutate({ id: id() }));
      case 'approve': {
        const sha = props.reviewSha;
        if (!sha) return action.setError('Nothing to approve yet: the artifact has not loaded.');
        return action.run(() => api.ticketActions.approve.mutate({ id: id(), expectedContentSha256: sha }));
      }
      case 'merge':
      case 'close_unmerged':
        return setReview(name);
      case 'cancel':
        return setConfirmCancel(true);
      case 'retry':
      case 'continue':
      case 'edit_execution_setup_plan':
        return; // not header buttons (HEADER_LABELS)
      default: {
        const unhandled: never = name;
        return unhandled;
      }
    }
  };
  return (
    <div class="ticket-actions">
      <For each={shown()}>
        {(name) => (
          <button
            type="button"
            class={BUTTON_CLASS[name] ?? ''}
            data-action={name}
            disabled={action.busy()}
            onClick={() => perform(name)}
          >
            {HEADER_LABELS[name]}
          </button>
        )}
      </For>
      <FormError message={action.error()} />
      <Show when={confirmCancel()}>
        <CancelTicketDialog
          ticketId={id()}
          onClose={() => setConfirmCancel(false)}
          onConfirm={(choice) => {
            setConfirmCancel(false);
            void action.run(() => api.ticketActions.cancel.mutate({ id: id(), ...choice }));
          }}
        />
      </Show>
      <Show when={review()}>
        {(choice) => (
          <PrReviewDialog
            choice={choice()}
            onClose={() => setReview(null)}
            onConfirm={(reason) => {
              const chosen = choice();
              setReview(null);
              void action.run(() => finishReview(chosen, reason));
            }}
          />
        )}
      </Show>
    </div>
  );
}
