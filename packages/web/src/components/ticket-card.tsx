import { Show } from 'solid-js';
import { navigate } from '../lib/router.ts';
import type { Ticket } from '../lib/trpc.ts';
import { completedOf } from '../state/bead-progress.ts';
import { BeadEta } from './bead-eta.tsx';

/** Coding, or blocked while coding: the card's ETA counts down (or stands still) only then. */
const isCoding = (t: Ticket) =>
  t.status === 'CODING' || (t.status === 'BLOCKED_ERROR' && t.previousStatus === 'CODING');

/**
 * One board card: ref, priority, title, status (flagged when blocked: the `error` ui view) and, once there are beads,
 * `completed/total` with the ETA range while coding (workflow.md §10.6 "Progress UI"). Opens the ticket view.
 */
export function TicketCard(props: { ticket: Ticket; project: string; isBlocked?: boolean }) {
  const open = () => navigate(`/ticket/${encodeURIComponent(props.ticket.id)}`);
  const beads = () =>
    props.ticket.totalBeads ? `${completedOf(props.ticket)}/${props.ticket.totalBeads} beads` : null;
  return (
    <button type="button" class="card" data-ticket={props.ticket.id} data-status={props.ticket.status} onClick={open}>
      <div class="card-top">
        <span class="ref">{props.ticket.id}</span>
        <span class={`priority p${props.ticket.priority}`} title="Priority">
          P{props.ticket.priority}
        </span>
      </div>
      <div class="card-title">{props.ticket.title}</div>
      <div class="card-bottom">
        <span class={`badge ${props.isBlocked ? 'danger' : ''}`}>{props.ticket.statusLabel}</span>
        <span class="muted small">{props.project}</span>
      </div>
      <Show when={props.ticket.percentComplete !== null || beads()}>
        <div class="card-progress">
          <progress max="100" value={props.ticket.percentComplete ?? 0} aria-label="Progress" />
          <span class="muted small" data-testid="card-beads">
            {beads() ?? `${Math.round(props.ticket.percentComplete ?? 0)}%`}
          </span>
        </div>
      </Show>
      <Show when={isCoding(props.ticket) && props.ticket.totalBeads}>
        <BeadEta ticketId={props.ticket.id} etaOnly />
      </Show>
    </button>
  );
}
