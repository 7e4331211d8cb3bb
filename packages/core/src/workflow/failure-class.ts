import { z } from 'zod';
import type { TicketStatus } from '../lifecycle/statuses.ts';
import type { PromptFailureKind } from '../opencode/prompt-error.ts';

// workflow.md §4.4 CONTINUE: which failed prompts may resume in their preserved session. A continuable failure is
// one the provider or the transport caused and that time (or a payment outside LoopTroop) can fix; the rest need a
// change of request, model, key or permissions, so re-sending "continue please" would fail the same way.

export const CONTINUABLE_FAILURE_CLASSES = [
  'payment_required',
  'request_timeout',
  'rate_limited',
  'server_error',
  'overloaded',
  'provider_timeout',
  'session_timeout',
  'transport',
  'retry_budget_exhausted',
] as const;

export const FailureClass = z.enum([
  ...CONTINUABLE_FAILURE_CLASSES,
  'auth',
  'invalid_request',
  'request_too_large',
  'permission',
  'missing_api_key',
  'model_not_found',
  'insufficient_quota',
  'coding_iteration_timeout',
  'canceled',
  'unknown',
]);
export type FailureClass = z.infer<typeof FailureClass>;

/** What is known about one failed prompt (a `PromptFailure` plus where it ran). */
export interface FailureFacts {
  /** `timeout` is LoopTroop's own deadline, `aborted` a cancel, `runtime` whatever OpenCode reported. */
  kind: PromptFailureKind;
  message: string;
  /** The provider's HTTP status when known; otherwise read from the message (`HTTP 429`, `status: 503`). */
  statusCode?: number | null;
  /** The status the prompt ran in: a deadline in CODING is the per-iteration timeout. */
  phase: TicketStatus;
}

const CONTINUABLE: ReadonlySet<FailureClass> = new Set(CONTINUABLE_FAILURE_CLASSES);

export const isContinuable = (failureClass: FailureClass): boolean => CONTINUABLE.has(failureClass);

/** The HTTP status a failure message names (`HTTP 429`, `status code: 503`, `529 Overloaded`), if any. */
export function statusCodeIn(message: string): number | null {
  const labelled = /\b(?:http|status(?:\s*code)?|code|provider|error)\s*[:=]?\s*([45]\d\d)\b/i.exec(message);
  const leading = /^\s*([45]\d\d)\b/.exec(message) ?? /\b([45]\d\d)\s+[A-Z][a-z]+/.exec(message);
  const found = labelled?.[1] ?? leading?.[1];
  return found ? Number(found) : null;
}

type Rule = [FailureClass, (text: string, status: number | null) => boolean];

// Order matters: the specific "fix it yourself" causes come first, because providers wrap them in retryable-looking
// statuses (OpenAI answers an exhausted quota with 429, §4.4 "non-402 insufficient quota" is not continuable).
const RULES: Rule[] = [
  [
    'missing_api_key',
    (t) =>
      /(api[ _-]?key|credential)s?\b.*\b(missing|not (set|found|provided|configured))|(missing|no)\s+api[ _-]?key/.test(
        t,
      ),
  ],
  [
    'model_not_found',
    (t) => /model.*\b(not found|does not exist|not available|unknown)|unknown model|model_?not_?found/.test(t),
  ],
  [
    'insufficient_quota',
    (t, s) => s !== 402 && /insufficient[_ ]quota|exceeded your current quota|quota exceeded/.test(t),
  ],
  [
    'request_too_large',
    (t, s) =>
      s === 413 || /too large|context[_ ](length|window)|maximum context|contextoverflow|prompt is too long/.test(t),
  ],
  [
    'auth',
    (t, s) =>
      s === 401 ||
      /unauthori[sz]ed|authentication|providerautherror|invalid (x-)?api[ _-]?key|incorrect api key/.test(t),
  ],
  ['permission', (t, s) => s === 403 || /\bforbidden\b|permission denied|access denied|not permitted/.test(t)],
  ['payment_required', (t, s) => s === 402 || /payment required/.test(t)],
  ['rate_limited', (t, s) => s === 429 || /rate[ _-]?limit|too many requests|usage limit/.test(t)],
  ['overloaded', (t, s) => s === 529 || /overload|capacity|resource[ _]exhausted/.test(t)],
  ['request_timeout', (_t, s) => s === 408],
  ['server_error', (_t, s) => s === 500 || s === 502 || s === 503 || s === 504],
  [
    'retry_budget_exhausted',
    (t) => /retr(y|ies) (limit|budget)|retries exhausted|too many retries|max(imum)? retries/.test(t),
  ],
  ['provider_timeout', (t) => /timed? ?out|timeout|deadline exceeded/.test(t)],
  [
    'transport',
    (t) =>
      /econn(reset|refused|aborted)|etimedout|epipe|enotfound|socket hang up|fetch failed|network|connection (reset|refused|closed|error)|other side closed|und_err/.test(
        t,
      ),
  ],
  ['invalid_request', (t, s) => s === 400 || s === 422 || /invalid[_ ]request|bad request/.test(t)],
  ['model_not_found', (_t, s) => s === 404],
];

/** Classify a failed prompt for Continue (workflow.md §4.4). Unknown causes are never continuable. */
export function classifyFailure(facts: FailureFacts): FailureClass {
  if (facts.kind === 'aborted') return 'canceled';
  // Our own deadline: in CODING it is the iteration timeout the Ralph loop owns; elsewhere the session simply ran
  // out of time and may resume where it stopped.
  if (facts.kind === 'timeout') return facts.phase === 'CODING' ? 'coding_iteration_timeout' : 'session_timeout';
  const text = facts.message.toLowerCase();
  const status = facts.statusCode ?? statusCodeIn(facts.message);
  return RULES.find(([, test]) => test(text, status))?.[0] ?? 'unknown';
}
