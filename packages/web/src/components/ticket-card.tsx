import { Show } from 'solid-js';
import { navigate } from '../lib/router.ts';
import type { Ticket } from '../lib/trpc.ts';

export function TicketCard(props: { ticket: Ticket; project: string }) {
  const open = () => navigate(`/ticket/${encodeURIComponent(props.ticket.id)}`);
  return (
    <button type="button" class="card" data-ticket={props.ticket.id} onClick={open}>
      <div class="card-top">
        <span class="ref">{props.ticket.id}</span>
        <span class={`priority p${props.ticket.priority}`}>P{props.ticket.priority}</span>
      </div>
      <div class="card-title">{props.ticket.title}</div>
      <div class="card-bottom">
        <span class={`badge ${props.ticket.status === 'BLOCKED_ERROR' ? 'danger' : ''}`}>
          {props.ticket.statusLabel}
        </span>
        <span class="muted small">{props.project}</span>
      </div>
      <Show when={props.ticket.percentComplete !== null}>
        <progress max="100" value={props.ticket.percentComplete ?? 0} />
      </Show>
    </button>
  );
}
