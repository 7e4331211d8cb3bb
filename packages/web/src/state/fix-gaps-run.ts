import type { StreamMessage } from '../lib/stream.ts';
import type { PlanningReview } from '../lib/trpc.ts';

// "Fix gaps with AI" as the browser follows it (workflow.md §8.5, §9.6). The server answers 202 at once and works in
// the background: one revision and one audit (for beads, then the expansion again). The run ends with a
// `needs_input` event ("Gap fix done…") or an `error` event coded FIX_GAPS_FAILED — only then does the server take
// approvals and saves again. The new coverage pass in the review payload arrives just before that end (fix-gaps.ts
// stores the audit, then expands beads, then announces the end): it moves the run to its last stage. Missed events are
// replayed by the stream after a reconnect, and a reload restores a run only while the coverage is unchanged.
// Pure: lib/fix-gaps.ts does the I/O.

export type FixDomain = 'prd' | 'beads';
type Coverage = NonNullable<PlanningReview['coverage']>;

export type FixGapsRun =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | {
      phase: 'running';
      gaps: readonly string[];
      /** Server time at (or just before) the start: older events belong to earlier runs. */
      since: string;
      /** The coverage the run started from; a different one means the audit came back. */
      coverageKey: string;
      /** After the audit: the fix is finishing (beads: the plan is expanded again first). */
      stage: 'revising' | 'finishing';
      /** The last milestone the server logged for the run. */
      lastStep: string | null;
    }
  | { phase: 'done'; message: string }
  | { phase: 'failed'; message: string };

export type FixGapsInput =
  | { type: 'requested' }
  | { type: 'started'; gaps: readonly string[]; since: string; coverageKey: string }
  | { type: 'not-needed'; message: string }
  | { type: 'refused'; message: string }
  | { type: 'coverage'; coverage: Coverage | null }
  | { type: 'event'; message: StreamMessage }
  | { type: 'left-gate' }
  | { type: 'dismissed' };

export const FIX_GAPS_FAILED = 'FIX_GAPS_FAILED';

/** The coverage phase a domain's fix logs under (fix-gaps.ts runs in the coverage status's context). */
const COVERAGE_PHASE: Record<FixDomain, string> = {
  prd: 'VERIFYING_PRD_COVERAGE',
  beads: 'VERIFYING_BEADS_COVERAGE',
};

/** A fingerprint of a coverage result: it changes when a new pass is recorded. */
export function coverageKey(coverage: Coverage | null): string {
  return coverage ? JSON.stringify([coverage.passes.length, coverage.status, coverage.gaps]) : 'none';
}

const isAtOrAfter = (timestamp: string, since: string) => Date.parse(timestamp) >= Date.parse(since);

function onEvent(
  run: Extract<FixGapsRun, { phase: 'running' }>,
  message: StreamMessage,
  domain: FixDomain,
): FixGapsRun {
  if (!isAtOrAfter(message.data.timestamp, run.since)) return run;
  switch (message.type) {
    case 'error':
      return message.data.codes.includes(FIX_GAPS_FAILED) ? { phase: 'failed', message: message.data.message } : run;
    case 'needs_input': {
      if (message.data.type !== `${domain}_approval`) return run;
      const text = message.data.message;
      return { phase: 'done', message: typeof text === 'string' && text ? text : 'Gap fix done' };
    }
    case 'log':
      return message.data.phase === COVERAGE_PHASE[domain] && message.data.kind === 'milestone'
        ? { ...run, lastStep: message.data.message }
        : run;
    default:
      return run;
  }
}

export function reduceFixGaps(run: FixGapsRun, input: FixGapsInput, domain: FixDomain): FixGapsRun {
  const isRunning = run.phase === 'running';
  switch (input.type) {
    case 'requested':
      return run.phase === 'running' || run.phase === 'starting' ? run : { phase: 'starting' };
    case 'started':
      return {
        phase: 'running',
        gaps: input.gaps,
        since: input.since,
        coverageKey: input.coverageKey,
        stage: 'revising',
        lastStep: null,
      };
    case 'not-needed':
      return { phase: 'done', message: input.message };
    case 'refused':
      return { phase: 'failed', message: input.message };
    case 'coverage': {
      if (run.phase !== 'running') return run;
      const key = coverageKey(input.coverage);
      return key === run.coverageKey ? run : { ...run, coverageKey: key, stage: 'finishing' };
    }
    case 'event':
      return run.phase === 'running' ? onEvent(run, input.message, domain) : run;
    case 'left-gate':
      return { phase: 'idle' };
    case 'dismissed':
      return isRunning ? run : { phase: 'idle' };
    default: {
      const unhandled: never = input;
      return unhandled;
    }
  }
}

/** Whether Approve and Save must wait (the server refuses both with a 409 while a fix runs). */
export const isFixBusy = (run: FixGapsRun) => run.phase === 'running' || run.phase === 'starting';

/** A run remembered in ui-state (so a reload keeps showing it), or null when there is none or it is too old. */
export function readStoredRun(
  data: unknown,
  nowMs: number,
  maxAgeMs: number,
): { since: string; gaps: string[]; coverageKey: string } | null {
  if (typeof data !== 'object' || data === null) return null;
  if (!('since' in data && 'gaps' in data && 'coverageKey' in data)) return null;
  const { since, gaps, coverageKey: key } = data;
  if (typeof since !== 'string' || typeof key !== 'string' || !Array.isArray(gaps)) return null;
  const startedMs = Date.parse(since);
  if (Number.isNaN(startedMs) || nowMs - startedMs > maxAgeMs) return null;
  return { since, gaps: gaps.filter((g): g is string => typeof g === 'string'), coverageKey: key };
}
