import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { ArtifactsPanel } from '../components/artifacts-panel.tsx';
import { CouncilPanel } from '../components/council-panel.tsx';
import { EditTicketDialog } from '../components/edit-ticket-dialog.tsx';
import { InterviewEditor } from '../components/interview-editor.tsx';
import { InterviewPanel } from '../components/interview-panel.tsx';
import { type LogLine, LogPanel, toLogLine } from '../components/log-panel.tsx';
import { QueryBoundary } from '../components/query-boundary.tsx';
import { TicketActions } from '../components/ticket-actions.tsx';
import { keys } from '../lib/query-client.ts';
import { openStream } from '../lib/stream.ts';
import { api, errorMessage } from '../lib/trpc.ts';
import { staleKeys } from '../state/ticket-events.ts';

export function TicketPage(props: { ticketRef: string }) {
  const client = useQueryClient();
  const ticket = createQuery(() => ({
    queryKey: keys.ticket(props.ticketRef),
    queryFn: () => api.tickets.get.query({ id: props.ticketRef }),
  }));
  const meta = createQuery(() => ({
    queryKey: keys.meta,
    queryFn: () => api.workflow.meta.query(),
    staleTime: Number.POSITIVE_INFINITY,
  }));
  const interview = createQuery(() => ({
    queryKey: keys.interview(props.ticketRef),
    queryFn: () => api.interview.get.query({ id: props.ticketRef }),
    enabled: ticket.data !== undefined && ticket.data.status !== 'DRAFT',
  }));
  const questions = createQuery(() => ({
    queryKey: keys.questions(props.ticketRef),
    queryFn: () => api.opencodeQuestions.list.query({ id: props.ticketRef }),
    enabled: ticket.data !== undefined && ticket.data.status !== 'DRAFT',
  }));
  const [lines, setLines] = createSignal<LogLine[]>([]);
  const [questionError, setQuestionError] = createSignal('');
  const [editing, setEditing] = createSignal(false);
  onMount(() => {
    const stream = openStream(
      { ticketId: props.ticketRef },
      {
        onEvent: (message) => {
          const line = toLogLine(message);
          if (line) setLines((all) => [...all.filter((l) => l.key !== line.key), line].slice(-300));
          for (const key of staleKeys(message)) void client.invalidateQueries({ queryKey: [key] });
        },
        onResync: () => void client.invalidateQueries(),
      },
      0,
    );
    onCleanup(() => stream.close());
  });
  const info = createMemo(() => meta.data?.phases.find((p) => p.status === ticket.data?.status));
  const reviewSha = () => (info()?.reviewArtifact === 'interview' ? (interview.data?.contentSha256 ?? null) : null);
  const reply = async (requestId: string, answer: string | null) => {
    setQuestionError('');
    try {
      if (answer === null) await api.opencodeQuestions.reject.mutate({ id: props.ticketRef, requestId });
      else await api.opencodeQuestions.reply.mutate({ id: props.ticketRef, requestId, answers: [[answer]] });
      await client.invalidateQueries({ queryKey: keys.questions(props.ticketRef) });
    } catch (err) {
      setQuestionError(errorMessage(err));
    }
  };
  return (
    <QueryBoundary query={ticket}>
      {(t) => (
        <article class="ticket" data-status={t.status}>
          <header class="ticket-head">
            <h1>
              <code>{t.id}</code> {t.title}
            </h1>
            <span class={`badge ${t.status === 'BLOCKED_ERROR' ? 'danger' : ''}`} data-testid="status">
              {t.statusLabel}
            </span>
            <Show when={info()?.editable}>
              <button type="button" class="ghost" onClick={() => setEditing(true)}>
                Edit
              </button>
            </Show>
            <TicketActions ticket={t} reviewSha={reviewSha()} />
          </header>
          <Show when={editing()}>
            <EditTicketDialog ticket={t} onClose={() => setEditing(false)} />
          </Show>
          <ol class="timeline" aria-label="Status history">
            <For each={t.visitedStatuses}>
              {(s) => (
                <li class={s === t.status ? 'current' : ''}>
                  {meta.data?.phases.find((p) => p.status === s)?.label ?? s}
                </li>
              )}
            </For>
          </ol>
          <Show when={t.status === 'BLOCKED_ERROR'}>
            <section class="panel error-panel" role="alert">
              <h2>Blocked in {t.previousStatus}</h2>
              <p>{t.errorMessage}</p>
              <details>
                <summary>Technical details</summary>
                <code>{t.errorCodes.join(', ')}</code>
              </details>
              <p class="muted small">Retry runs the failed step again as a new attempt; Cancel stops the ticket.</p>
            </section>
          </Show>
          <Show when={t.description}>
            <section class="panel">
              <h2>Description</h2>
              <p class="prewrap">{t.description}</p>
            </section>
          </Show>
          <Show when={(questions.data ?? []).length > 0}>
            <section class="panel">
              <h2>The agent asks</h2>
              <For each={questions.data ?? []}>
                {(q) => (
                  <div class="agent-question">
                    <For each={q.questions}>
                      {(item) => (
                        <div>
                          <p>{item.question}</p>
                          <div class="options">
                            <For each={item.options}>
                              {(o) => (
                                <button type="button" class="secondary" onClick={() => reply(q.requestId, o.label)}>
                                  {o.label}
                                </button>
                              )}
                            </For>
                            <button type="button" class="ghost" onClick={() => reply(q.requestId, null)}>
                              Reject
                            </button>
                          </div>
                        </div>
                      )}
                    </For>
                  </div>
                )}
              </For>
              <Show when={questionError()}>
                <p class="error">{questionError()}</p>
              </Show>
            </section>
          </Show>
          <Show when={t.status === 'WAITING_INTERVIEW_ANSWERS' && interview.data?.currentBatch}>
            {(batch) => (
              <section class="panel">
                <h2>Interview</h2>
                <Show
                  when={interview.data?.session?.pendingAnswerIds.length === 0}
                  fallback={<p class="muted">Preparing the next questions…</p>}
                >
                  <InterviewPanel ticketId={t.id} batch={batch()} />
                </Show>
              </section>
            )}
          </Show>
          <Show when={t.status === 'WAITING_INTERVIEW_APPROVAL' && interview.data?.document}>
            {(doc) => (
              <section class="panel">
                <h2>Interview for approval</h2>
                <ol class="qa">
                  <For each={doc().questions}>
                    {(q) => (
                      <li>
                        <strong>{q.prompt}</strong>
                        <div class="muted">
                          {q.answer.skipped
                            ? `Skipped${q.answer.skip_reason ? `: ${q.answer.skip_reason}` : ''}`
                            : [q.answer.selected_option_ids.join(', '), q.answer.free_text].filter(Boolean).join(' — ')}
                        </div>
                      </li>
                    )}
                  </For>
                </ol>
                <details>
                  <summary>Edit as YAML</summary>
                  <InterviewEditor ticketId={t.id} raw={interview.data?.raw ?? ''} />
                </details>
              </section>
            )}
          </Show>
          <Show when={t.visitedStatuses.includes('COUNCIL_DELIBERATING')}>
            <CouncilPanel ticketId={t.id} domain="interview" />
          </Show>
          <ArtifactsPanel ticketId={t.id} />
          <section class="panel">
            <h2>Live log</h2>
            <LogPanel lines={lines()} />
          </section>
        </article>
      )}
    </QueryBoundary>
  );
}
