import { Show } from 'solid-js';
import { createTicketActionRunner } from '../lib/ticket-action-runner.ts';
import { api, type Ticket } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';

/**
 * The ways out of BLOCKED_ERROR besides Cancel (workflow.md §4.4), each with what it does. Continue shows only when
 * the server offers it (the error came from an agent session that can still be resumed); a refusal — the session
 * vanished meanwhile — is shown here and the ticket is read again, which withdraws the offer.
 */
export function BlockedActions(props: { ticket: Ticket }) {
  const action = createTicketActionRunner(() => props.ticket, 'blocked');
  const offers = (name: Ticket['availableActions'][number]) => props.ticket.availableActions.includes(name);
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
      <FormError message={action.error()} />
    </div>
  );
}
