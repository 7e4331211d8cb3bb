import { createEffect, createSignal, on, onMount } from 'solid-js';
import {
  coverageKey,
  type FixDomain,
  type FixGapsInput,
  type FixGapsRun,
  readStoredRun,
  reduceFixGaps,
} from '../state/fix-gaps-run.ts';
import { onTicketEvent } from './ticket-event-hub.ts';
import { api, CLEARED_UI_STATE, errorDetails, errorKind, errorMessage, type PlanningReview } from './trpc.ts';

type Coverage = PlanningReview['coverage'];

/** A run older than this is not restored after a reload: the server keeps fixes in memory, a restart ends them. */
const MAX_RESTORE_AGE_MS = 15 * 60_000;

/**
 * The 409 of a second fix (fix-gaps.ts "A gap fix is already running"): that one is running, so follow it. The
 * other 409 (wrong status) carries `{ status, expected }` details.
 */
function isAlreadyRunning(error: unknown): boolean {
  const details = errorDetails(error);
  return errorKind(error) === 'conflict' && !(typeof details === 'object' && details !== null && 'expected' in details);
}

/**
 * "Fix gaps with AI" at a planning gate (workflow.md §8.5, §9.6): start it, follow it on the ticket's stream until
 * it ends, and remember a running fix in ui-state (`<domain>-fix-gaps`) so a reload still shows it and still keeps
 * Approve and Save waiting.
 */
export function createFixGaps(options: {
  ticketId: string;
  domain: FixDomain;
  coverage: () => Coverage;
  isGate: () => boolean;
  /** The server's word (review `fixRunning`); undefined while the review is loading. */
  serverRunning?: () => boolean | undefined;
}) {
  const scope = `${options.domain}-fix-gaps`;
  const [run, setRun] = createSignal<FixGapsRun>({ phase: 'idle' });
  const apply = (input: FixGapsInput) => setRun((current) => reduceFixGaps(current, input, options.domain));
  const hub = onTicketEvent((message) => apply({ type: 'event', message }));
  // One write at a time, in order: a quick failure's clear must not land before the start it clears.
  let writes: Promise<unknown> = Promise.resolve();
  const remember = (data: unknown) => {
    const write = writes.then(
      () => api.tickets.putUiState.mutate({ id: options.ticketId, scope, data }).catch(() => null), // best effort
    );
    writes = write;
    return write;
  };
  const follow = (run: { since: string; gaps: readonly string[]; coverageKey: string }) => {
    apply({ type: 'started', ...run });
    // Its end may already be among the events the page received before (a replay, or a fix that failed at once).
    for (const message of hub?.recent() ?? []) apply({ type: 'event', message });
  };

  createEffect(on(options.coverage, (coverage) => apply({ type: 'coverage', coverage }), { defer: true }));
  createEffect(() => {
    if (!options.isGate()) apply({ type: 'left-gate' });
  });
  // Once the run is over, forget it on the server too.
  createEffect(
    on(
      () => run().phase,
      (phase, previous) => {
        if (previous === 'running' && phase !== 'running') void remember(CLEARED_UI_STATE);
      },
      { defer: true },
    ),
  );

  onMount(async () => {
    if (!options.isGate()) return;
    const stored = await api.tickets.uiState.query({ id: options.ticketId, scope }).catch(() => null);
    const restored = stored && readStoredRun(stored.data, Date.now(), MAX_RESTORE_AGE_MS);
    if (!restored || run().phase !== 'idle') return;
    // The server knows no fix (it ended, or the server restarted since): nothing to follow.
    if (options.serverRunning?.() === false) return void remember(CLEARED_UI_STATE);
    // A different coverage than at the start: the fix ended while the page was away.
    if (restored.coverageKey !== coverageKey(options.coverage())) return void remember(CLEARED_UI_STATE);
    follow(restored);
  });

  const start = async () => {
    apply({ type: 'requested' });
    const startCoverage = coverageKey(options.coverage());
    // The server's clock marks the start, so events of earlier runs are told apart from this one's.
    const marker = await remember({ requested: true });
    const since = marker?.updatedAt ?? new Date().toISOString();
    try {
      const result = await api.planning.fixGaps.mutate({ id: options.ticketId, domain: options.domain });
      if (!result.started) {
        void remember(CLEARED_UI_STATE);
        return apply({ type: 'not-needed', message: result.message });
      }
      const started = { since, gaps: result.gaps, coverageKey: startCoverage };
      void remember(started);
      follow(started);
    } catch (err) {
      if (!isAlreadyRunning(err)) {
        void remember(CLEARED_UI_STATE);
        return apply({ type: 'refused', message: errorMessage(err) });
      }
      const started = { since, gaps: options.coverage()?.gaps ?? [], coverageKey: startCoverage };
      void remember(started);
      follow(started);
    }
  };

  return { run, start, dismiss: () => apply({ type: 'dismissed' }) };
}

export type FixGapsController = ReturnType<typeof createFixGaps>;
