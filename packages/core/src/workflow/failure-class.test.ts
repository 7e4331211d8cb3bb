import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../lifecycle/statuses.ts';
import {
  CONTINUABLE_FAILURE_CLASSES,
  classifyFailure,
  type FailureClass,
  FailureClass as FailureClassSchema,
  isContinuable,
  statusCodeIn,
} from './failure-class.ts';

type Row = [message: string, expected: FailureClass, statusCode?: number];

// workflow.md §4.4: continuable = 402/408/429/5xx/529, rate or usage limits, overload, provider or session
// timeouts, transport failures, retry-budget exhaustion. Messages are shaped like OpenCode's and providers'.
const runtimeRows: Row[] = [
  ['APIError: Payment Required (HTTP 402)', 'payment_required'],
  ['APIError: insufficient_quota: add credits (HTTP 402)', 'payment_required'],
  ['APIError: Request Timeout (HTTP 408)', 'request_timeout'],
  ['APIError: Too Many Requests (HTTP 429)', 'rate_limited'],
  ['Rate limit reached for gpt-5 in organization org-1 on tokens per min', 'rate_limited'],
  ['You have hit your usage limit for this plan', 'rate_limited'],
  ['APIError: Internal Server Error (HTTP 500)', 'server_error'],
  ['502 Bad Gateway', 'server_error'],
  ['provider 503', 'server_error'],
  ['upstream said: status code 504', 'server_error'],
  ['APIError: Overloaded (HTTP 529)', 'overloaded'],
  ['The model is overloaded, please retry later', 'overloaded'],
  ['no capacity available for this model', 'overloaded'],
  ['Provider request timed out after 600000ms', 'provider_timeout'],
  ['OpenCode prompt failed: fetch failed', 'transport'],
  ['socket hang up', 'transport'],
  ['read ECONNRESET', 'transport'],
  ['connect ECONNREFUSED 127.0.0.1:4096', 'transport'],
  ['Provider retry limit reached (5 retries)', 'retry_budget_exhausted'],
  ['something odd', 'server_error', 503],
  // Not continuable: fixing them needs a change of key, request, model or permissions.
  ['ProviderAuthError: Invalid API key provided', 'auth'],
  ['APIError: Unauthorized (HTTP 401)', 'auth'],
  ['APIError: Forbidden (HTTP 403)', 'permission'],
  ['permission denied for project', 'permission'],
  ['APIError: invalid request: messages must not be empty (HTTP 400)', 'invalid_request'],
  ['APIError: Unprocessable Entity (HTTP 422)', 'invalid_request'],
  ['APIError: Request Entity Too Large (HTTP 413)', 'request_too_large'],
  ["ContextOverflowError: This model's maximum context length is 128000 tokens", 'request_too_large'],
  ['OPENAI_API_KEY is missing; set it or run opencode auth login', 'missing_api_key'],
  ['No API key found for provider anthropic', 'missing_api_key'],
  ['ProviderModelNotFoundError: model gpt-9 not found', 'model_not_found'],
  ['APIError: Not Found (HTTP 404)', 'model_not_found'],
  // OpenAI answers an exhausted quota with 429: §4.4 "non-402 insufficient quota" stays blocked.
  ['APIError: You exceeded your current quota (insufficient_quota) (HTTP 429)', 'insufficient_quota'],
  ['a brand new failure nobody has seen', 'unknown'],
  ['', 'unknown'],
];

describe('classifyFailure', () => {
  it.each(runtimeRows)('classifies %j as %s', (message, expected, statusCode) => {
    expect(classifyFailure({ kind: 'runtime', message, statusCode: statusCode ?? null, phase: 'DRAFTING_PRD' })).toBe(
      expected,
    );
  });

  it.each<[TicketStatus, FailureClass]>([
    ['SCANNING_RELEVANT_FILES', 'session_timeout'],
    ['PREPARING_EXECUTION_ENV', 'session_timeout'],
    ['RUNNING_FINAL_TEST', 'session_timeout'],
    // §4.4: LoopTroop's own per-iteration deadline in CODING belongs to the Ralph loop, not to Continue.
    ['CODING', 'coding_iteration_timeout'],
  ])('treats our own deadline in %s as %s', (phase, expected) => {
    expect(classifyFailure({ kind: 'timeout', message: 'alpha did not answer within 30 s', phase })).toBe(expected);
  });

  it('never continues a canceled prompt', () => {
    expect(classifyFailure({ kind: 'aborted', message: 'HTTP 429', phase: 'CODING' })).toBe('canceled');
  });

  it('lets an explicit status code win over the text', () => {
    expect(classifyFailure({ kind: 'runtime', message: 'error', statusCode: 429, phase: 'CODING' })).toBe(
      'rate_limited',
    );
  });
});

describe('isContinuable', () => {
  const continuable = new Set<FailureClass>(CONTINUABLE_FAILURE_CLASSES);
  it.each(FailureClassSchema.options.map((c) => [c, continuable.has(c)] as const))('%s → %s', (failureClass, yes) => {
    expect(isContinuable(failureClass)).toBe(yes);
  });

  it('keeps exactly the §4.4 list continuable', () => {
    expect([...CONTINUABLE_FAILURE_CLASSES].sort()).toEqual(
      [
        'overloaded',
        'payment_required',
        'provider_timeout',
        'rate_limited',
        'request_timeout',
        'retry_budget_exhausted',
        'server_error',
        'session_timeout',
        'transport',
      ].sort(),
    );
  });
});

describe('statusCodeIn', () => {
  it.each<[string, number | null]>([
    ['APIError: Too Many Requests (HTTP 429)', 429],
    ['status: 503', 503],
    ['529 Overloaded', 529],
    ['provider 502', 502],
    ['alpha did not answer within 408 s', null],
    ['no number here', null],
  ])('reads %j as %s', (message, expected) => {
    expect(statusCodeIn(message)).toBe(expected);
  });
});
