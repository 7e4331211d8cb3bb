import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { AgentQuestions } from '../components/agent-questions.tsx';
import { ArtifactsPanel } from '../components/artifacts-panel.tsx';
import { BeadEta } from '../components/bead-eta.tsx';
import { BeadsApproval } from '../components/beads-approval.tsx';
import { CodingPanel } from '../components/coding-panel.tsx';
import { CouncilRecord } from '../components/council-record.tsx';
import { EditTicketDialog } from '../components/edit-ticket-dialog.tsx';
import { ErrorPanel } from '../components/error-panel.tsx';
import { FinalTestReport } from '../components/final-test-report.tsx';
import { InterviewEditor } from '../components/interview-editor.tsx';
import { InterviewPanel } from '../components/interview-panel.tsx';
import { LogPanel } from '../components/log-panel.tsx';
import { PrdApproval } from '../components/prd-approval.tsx';
import { PreflightReport } from '../components/preflight-report.tsx';
import { PullRequestPanel, usePullRequestView } from '../components/pull-request-panel.tsx';
import { QueryBoundary } from '../components/query-boundary.tsx';
import { SetupPlanGate } from '../components/setup-plan-gate.tsx';
import { SetupProgress } from '../components/setup-progress.tsx';
import { StatusTimeline } from '../components/status-timeline.tsx';
import { TicketActions } from '../components/ticket-actions.tsx';
import { keys } from '../lib/query-client.ts';
import { openStream, type StreamStatus } from '../lib/stream.ts';
import { createTicketEventHub, TicketEventsContext } from '../lib/ticket-event-hub.ts';
import { api, type Ticket } from '../lib/trpc.ts';
import { appendLogLine, type LogLine, toLogLine } from '../state/log-lines.ts';
import { gateStateOf, hasVisitedView, statusInfoOf, uiViewOf, workingStatusOf } from '../state/status-view.ts';
import { staleKeys } from '../state/ticket-events.ts';
import { timelineSteps } from '../state/timeline.ts';

export function TicketPage(props: { ticketRef: string }) {
  const client = useQueryClient();
  const meta = createQuery(() => ({
    queryKey: keys.meta,
    queryFn: () => api.workflow.meta.query(),
    staleTime: Number.POSITIVE_INFINITY,
  }));
  const phases = () => meta.data?.phases ?? [];
  const ticket = createQuery(() => ({
    queryKey: keys.ticket(props.ticketRef),
    queryFn: () => api.tickets.get.query({ id: props.ticketRef }),
    // Refetched tickets are merged into the same object, so a change (a status, a new error) updates the page in
    // place instead of mounting it again, which would drop every panel's state (editors, a running gap fix…).
    reconcile: 'id',
    // architecture.md §11: poll the open ticket every 5 s while it can still change (the stream is the fast path).
    refetchInterval: (query: { state: { data?: { status: string } } }) =>
      statusInfoOf(phases(), query.state.data?.status ?? null)?.isTerminal ? false : 5_000,
  }));
  const view = () => uiViewOf(phases(), ticket.data?.status ?? null);
  const interview = createQuery(() => ({
    queryKey: keys.interview(props.ticketRef),
    queryFn: () => api.interview.get.query({ id: props.ticketRef }),
    enabled: view() !== null && view() !== 'draft',
  }));
  // The interview council, live while it works (workflow.md §16.3): the same summary the approval panels show.
  const interviewCouncil = createQuery(() => ({
    queryKey: keys.review(props.ticketRef, 'interview'),
    queryFn: () => api.planning.review.query({ id: props.ticketRef, domain: 'interview' }),
    enabled: ticket.data !== undefined && hasVisitedView(phases(), ticket.data, 'council', 'interview'),
  }));
  const projects = createQuery(() => ({ queryKey: keys.projects, queryFn: () => api.projects.list.query() }));
  // Whether Merge PR & Finish can be offered (issue 14): the same query the pull request panel reads. Hidden only
  // when the delivery says it cannot merge; with nothing published the server's 409 says so (pr-review e2e).
  const pullRequest = usePullRequestView(
    () => props.ticketRef,
    () => ticket.data?.status === 'WAITING_PR_REVIEW',
  );
  const [lines, setLines] = createSignal<LogLine[]>([]);
  const [streamStatus, setStreamStatus] = createSignal<StreamStatus>('connecting');
  const [editing, setEditing] = createSignal(false);
  // The stream, shared with the approval panels that follow background work (Fix gaps with AI).
  const hub = createTicketEventHub();
  onMount(() => {
    const stream = openStream(
      { ticketId: props.ticketRef },
      {
        onEvent: (message) => {
          const line = toLogLine(message);
          if (line) setLines((all) => appendLogLine(all, line));
          hub.publish(message);
          // A replayed history invalidates in a burst: let a running fetch finish instead of restarting it each time.
          for (const key of staleKeys(message))
            void client.invalidateQueries({ queryKey: [key] }, { cancelRefetch: false });
        },
        onResync: () => void client.invalidateQueries(),
        onStatus: setStreamStatus,
      },
      0, // replay from the start: the log panel shows the whole stored history (lib/stream.ts)
    );
    onCleanup(() => stream.close());
  });
  const info = createMemo(() => statusInfoOf(phases(), ticket.data?.status ?? null));
  const labelOf = (status: string) => statusInfoOf(phases(), status)?.label ?? status;
  const projectOf = (id: number) => projects.data?.find((p) => p.id === id);
  const reviewSha = () => (info()?.reviewArtifact === 'interview' ? (interview.data?.contentSha256 ?? null) : null);
  // workflow.md §4.8: in the beads phases (or blocked from one) the approved PRD may still be edited, which restarts
  // bead planning.
  const isInBeadsPhase = (t: Ticket) => workingStatusOf(phases(), t)?.group === 'beads';
  return (
    <QueryBoundary query={ticket}>
      {(t) => (
        <article class="ticket" data-status={t.status}>
          <header class="ticket-head">
            <h1>
              <code>{t.id}</code> {t.title}
            </h1>
            <Show when={projectOf(t.projectId)}>
              {(p) => (
                <span class="muted small" data-testid="project">
                  {p().icon} {p().name}
                </span>
              )}
            </Show>
            <span class={`badge ${view() === 'error' ? 'danger' : ''}`} data-testid="status">
              {t.statusLabel}
            </span>
            <Show when={t.visitedStatuses.includes('CODING')}>
              <BeadEta ticketId={t.id} />
            </Show>
            <Show when={info()?.editable}>
              <button type="button" class="ghost" onClick={() => setEditing(true)}>
                Edit
              </button>
            </Show>
            <TicketActions
              ticket={t}
              reviewSha={reviewSha()}
              mergeOffered={pullRequest.data?.merge?.available !== false}
              approveInPanel={['prd', 'beads', 'execution_setup_plan'].includes(info()?.reviewArtifact ?? '')}
            />
          </header>
          <Show when={editing()}>
            <EditTicketDialog ticket={t} onClose={() => setEditing(false)} />
          </Show>
          <StatusTimeline
            steps={timelineSteps({
              groups: meta.data?.groups ?? [],
              visitedStatuses: t.visitedStatuses,
              status: t.status,
              previousStatus: t.previousStatus,
              isTerminal: info()?.isTerminal ?? false,
              isBlocked: view() === 'error',
            })}
            history={t.visitedStatuses}
            labelOf={labelOf}
          />
          <Show when={view() === 'error'}>
            <ErrorPanel ticket={t} blockedIn={labelOf(t.previousStatus ?? 'unknown')} />
          </Show>
          <Show when={t.description}>
            <section class="panel">
              <h2>Description</h2>
              <p class="prewrap">{t.description}</p>
            </section>
          </Show>
          <AgentQuestions ticketId={t.id} isActive={view() !== 'draft' && !info()?.isTerminal} />
          <Show when={view() === 'interview_qa' && interview.data?.currentBatch}>
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
          <Show when={gateStateOf(phases(), t, 'interview') === 'gate' && interview.data?.document}>
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
          <Show when={t.visitedStatuses.includes('PRE_FLIGHT_CHECK')}>
            <PreflightReport ticketId={t.id} />
          </Show>
          <Show when={gateStateOf(phases(), t, 'execution_setup_plan')}>
            {(view) => (
              <SetupPlanGate
                ticketId={t.id}
                isGate={view() === 'gate'}
                canRewind={t.status === 'PREPARING_EXECUTION_ENV'}
              />
            )}
          </Show>
          <Show when={t.visitedStatuses.includes('PREPARING_EXECUTION_ENV')}>
            <SetupProgress ticketId={t.id} />
          </Show>
          <TicketEventsContext.Provider value={hub}>
            <Show when={gateStateOf(phases(), t, 'beads')}>
              {(view) => (
                <BeadsApproval
                  ticketId={t.id}
                  isGate={view() === 'gate'}
                  isReplanning={view() === 'past' && isInBeadsPhase(t)}
                />
              )}
            </Show>
            <Show when={gateStateOf(phases(), t, 'prd')}>
              {(view) => <PrdApproval ticketId={t.id} isGate={view() === 'gate'} canEditApproved={isInBeadsPhase(t)} />}
            </Show>
          </TicketEventsContext.Provider>
          <Show when={interviewCouncil.data?.council}>
            {(council) => (
              <section class="panel council" aria-label="Council">
                <CouncilRecord
                  council={council()}
                  title="Interview council"
                  isRefined={hasVisitedView(phases(), t, 'interview_qa')}
                />
              </section>
            )}
          </Show>
          <Show when={t.visitedStatuses.includes('CODING')}>
            <CodingPanel ticketId={t.id} />
          </Show>
          <Show when={t.visitedStatuses.includes('RUNNING_FINAL_TEST')}>
            <FinalTestReport ticketId={t.id} />
          </Show>
          <Show when={t.visitedStatuses.includes('CREATING_PULL_REQUEST')}>
            <PullRequestPanel ticketId={t.id} />
          </Show>
          <ArtifactsPanel ticketId={t.id} />
          <section class="panel">
            <h2>
              Live log{' '}
              <span class={`stream-status ${streamStatus()}`} data-testid="stream-status">
                {streamStatus() === 'connected' ? 'live' : `${streamStatus()}…`}
              </span>
            </h2>
            <LogPanel lines={lines()} />
          </section>
        </article>
      )}
    </QueryBoundary>
  );
}
