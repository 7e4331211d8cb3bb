import type { Ticket } from '../lib/trpc.ts';
import { BlockedActions } from './blocked-actions.tsx';

/** Why a BLOCKED_ERROR ticket stopped, and the ways on from here (workflow.md §4.4). */
export function ErrorPanel(props: { ticket: Ticket; blockedIn: string }) {
  return (
    <section class="panel error-panel" aria-label="Error">
      <h2>Blocked in {props.blockedIn}</h2>
      <p role="alert">{props.ticket.errorMessage ?? 'The ticket stopped without a message.'}</p>
      <details>
        <summary>Technical details</summary>
        <p class="small">
          Error codes: <code>{props.ticket.errorCodes.join(', ') || 'none'}</code>
        </p>
        <p class="small">
          Previous status: <code>{props.ticket.previousStatus ?? 'unknown'}</code>
        </p>
      </details>
      <BlockedActions ticket={props.ticket} />
      <p class="muted small">Cancel (at the top) stops the ticket for good.</p>
    </section>
  );
}
