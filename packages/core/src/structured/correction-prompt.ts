import type { StructuredFailure } from './types.ts';

/** Beyond this the previous answer is cut: it stays in the session anyway, the excerpt only anchors the fix. */
const MAX_PREVIOUS_CHARS = 20_000;

/**
 * workflow.md §12.1 structured repair retry, sent in the continued session: the validation error, the previous raw
 * output, a reminder of the format, and the instruction to return only the corrected artifact.
 */
export function correctionPrompt(
  result: StructuredFailure,
  previousRaw: string,
  spec: { formatReminder: string },
): string {
  const previous =
    previousRaw.length > MAX_PREVIOUS_CHARS
      ? `${previousRaw.slice(0, MAX_PREVIOUS_CHARS)}\n[… ${previousRaw.length - MAX_PREVIOUS_CHARS} more characters cut]`
      : previousRaw;
  return [
    'Your previous response could not be accepted.',
    '',
    '## Validation error',
    result.error,
    '',
    '## Your previous response',
    '<<<PREVIOUS_RESPONSE',
    previous.trim() === '' ? '(empty)' : previous,
    'PREVIOUS_RESPONSE>>>',
    '',
    '## Expected format',
    spec.formatReminder,
    '',
    'Return only the corrected artifact in the expected format: no explanations, no commentary, nothing before or after it.',
  ].join('\n');
}
