import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createMemo, createSignal, For, onCleanup, onMount } from 'solid-js';
import { TicketCard } from '../components/ticket-card.tsx';
import { keys } from '../lib/query-client.ts';
import { openStream } from '../lib/stream.ts';
import { api, type Ticket } from '../lib/trpc.ts';
import { uiViewOf } from '../state/status-view.ts';
import { applyStateChange, groupByColumn, KANBAN_LABELS } from '../state/ticket-events.ts';

/** The Kanban board: four columns by kanbanPhase, updated live from the all-tickets stream. */
export function BoardPage() {
  const client = useQueryClient();
  const [projectId, setProjectId] = createSignal<number | null>(null);
  const tickets = createQuery(() => ({
    queryKey: keys.tickets,
    queryFn: () => api.tickets.list.query(),
    refetchInterval: 10_000,
  }));
  const projects = createQuery(() => ({ queryKey: keys.projects, queryFn: () => api.projects.list.query() }));
  const meta = createQuery(() => ({
    queryKey: keys.meta,
    queryFn: () => api.workflow.meta.query(),
    staleTime: Number.POSITIVE_INFINITY,
  }));
  onMount(() => {
    const stream = openStream(
      { all: true },
      {
        onEvent: (message) => {
          // §10.6: a bead finished or started moves the cards' completed/total and ETA.
          if (message.type === 'bead_complete' || message.type === 'progress') {
            void client.invalidateQueries({ queryKey: keys.tickets });
            void client.invalidateQueries({ queryKey: keys.beadProgress(message.data.ticketId) });
            return;
          }
          if (message.type !== 'state_change') return;
          client.setQueryData<Ticket[]>(keys.tickets, (list) =>
            list ? applyStateChange(list, message, meta.data?.phases ?? []) : list,
          );
          void client.invalidateQueries({ queryKey: keys.tickets });
        },
        onResync: () => void client.invalidateQueries({ queryKey: keys.tickets }),
      },
      'live', // the list query is the baseline; only changes from now on matter
    );
    onCleanup(() => stream.close());
  });
  const visible = createMemo(() =>
    (tickets.data ?? []).filter((t) => projectId() === null || t.projectId === projectId()),
  );
  const projectName = (id: number) => projects.data?.find((p) => p.id === id)?.shortname ?? String(id);
  return (
    <section class="board-page">
      <div class="toolbar">
        <label>
          Project{' '}
          <select
            aria-label="Filter by project"
            onChange={(e) => setProjectId(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
          >
            <option value="">All projects</option>
            <For each={projects.data ?? []}>{(p) => <option value={p.id}>{p.name}</option>}</For>
          </select>
        </label>
      </div>
      <div class="board">
        <For each={groupByColumn(visible())}>
          {(group) => (
            <section class="column" data-column={group.column} aria-label={KANBAN_LABELS[group.column]}>
              <h2>
                {KANBAN_LABELS[group.column]} <span class="count">{group.tickets.length}</span>
              </h2>
              <For each={group.tickets} fallback={<p class="muted small">No tickets</p>}>
                {(ticket) => (
                  <TicketCard
                    ticket={ticket}
                    project={projectName(ticket.projectId)}
                    isBlocked={uiViewOf(meta.data?.phases ?? [], ticket.status) === 'error'}
                  />
                )}
              </For>
            </section>
          )}
        </For>
      </div>
    </section>
  );
}
