import type { Ticket } from '../lib/trpc.ts';

/** Why a BLOCKED_ERROR ticket stopped, and what the actions do (workflow.md §4.4). */
export function ErrorPanel(props: { ticket: Ticket; blockedIn: string }) {
  return (
    <section class="panel error-panel" role="alert" aria-label="Error">
      <h2>Blocked in {props.blockedIn}</h2>
      <p>{props.ticket.errorMessage ?? 'The ticket stopped without a message.'}</p>
      <details>
        <summary>Technical details</summary>
        <p class="small">
          Error codes: <code>{props.ticket.errorCodes.join(', ') || 'none'}</code>
        </p>
        <p class="small">
          Previous status: <code>{props.ticket.previousStatus ?? 'unknown'}</code>
        </p>
      </details>
      <p class="muted small">Retry runs the failed step again as a new attempt; Cancel stops the ticket.</p>
    </section>
  );
}
