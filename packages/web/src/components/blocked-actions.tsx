import { createSignal, Show } from 'solid-js';
import { createTicketActionRunner } from '../lib/ticket-action-runner.ts';
import { api, type Ticket } from '../lib/trpc.ts';
import { EditSetupPlanDialog } from './edit-setup-plan-dialog.tsx';
import { FormError } from './form-error.tsx';

/**
 * The ways out of BLOCKED_ERROR besides Cancel (workflow.md §4.4), each with what it does. Continue shows only when
 * the server offers it (the error came from an agent session that can still be resumed); a refusal — the session
 * vanished meanwhile — is shown here and the ticket is read again, which withdraws the offer. A blocked workspace
 * setup also offers "Edit setup plan…" (after a confirmation): back to the setup-plan gate.
 */
export function BlockedActions(props: { ticket: Ticket }) {
  const action = createTicketActionRunner(() => props.ticket, 'blocked');
  const offers = (name: Ticket['availableActions'][number]) => props.ticket.availableActions.includes(name);
  const [isConfirmingEdit, setConfirmingEdit] = createSignal(false);
  return (
    <div class="blocked-actions">
      <Show when={offers('continue')}>
        <p>
          <button
            type="button"
            data-action="continue"
            disabled={action.busy()}
            onClick={() => action.run(() => api.ticketActions.continue.mutate({ id: props.ticket.id }))}
          >
            Continue where it stopped
          </button>{' '}
          <span class="muted small">Resumes the same agent session where it stopped; nothing is archived.</span>
        </p>
      </Show>
      <Show when={offers('retry')}>
        <p>
          <button
            type="button"
            class={offers('continue') ? 'secondary' : ''}
            data-action="retry"
            disabled={action.busy()}
            onClick={() => action.run(() => api.ticketActions.retry.mutate({ id: props.ticket.id }))}
          >
            Retry
          </button>{' '}
          <span class="muted small">Runs the failed step again from the start as a new attempt.</span>
        </p>
      </Show>
      <Show when={offers('edit_execution_setup_plan')}>
        <p>
          <button
            type="button"
            class="secondary"
            data-action="edit_execution_setup_plan"
            disabled={action.busy()}
            onClick={() => setConfirmingEdit(true)}
          >
            Edit setup plan…
          </button>{' '}
          <span class="muted small">Back to the setup plan approval: fix the plan, then approve it again.</span>
        </p>
      </Show>
      <FormError message={action.error()} />
      <Show when={isConfirmingEdit()}>
        <EditSetupPlanDialog
          onClose={() => setConfirmingEdit(false)}
          onConfirm={() => {
            setConfirmingEdit(false);
            void action.run(() => api.executionSetup.edit.mutate({ id: props.ticket.id }));
          }}
        />
      </Show>
    </div>
  );
}
