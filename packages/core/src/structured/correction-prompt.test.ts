import { describe, expect, it } from 'vitest';
import { correctionPrompt } from './correction-prompt.ts';

const failure = {
  ok: false as const,
  error: 'files[0].relevance: Invalid option',
  failureClass: 'invalid' as const,
  warnings: [],
};

describe('correctionPrompt', () => {
  it('carries the validation error, the previous answer, the format reminder and the return-only instruction', () => {
    const prompt = correctionPrompt(failure, 'files:\n  - relevance: critical', {
      formatReminder: 'YAML with `files`.',
    });
    expect(prompt).toContain('files[0].relevance: Invalid option');
    expect(prompt).toContain('files:\n  - relevance: critical');
    expect(prompt).toContain('YAML with `files`.');
    expect(prompt).toMatch(/Return only the corrected artifact/);
    expect(prompt.indexOf('## Validation error')).toBeLessThan(prompt.indexOf('## Your previous response'));
    expect(prompt.indexOf('## Your previous response')).toBeLessThan(prompt.indexOf('## Expected format'));
  });

  it.each([
    ['an empty answer is named, not invented', '', '(empty)'],
    ['a huge answer is cut with a note', 'x'.repeat(20_010), '[… 10 more characters cut]'],
  ])('%s', (_name, previous, expected) => {
    expect(correctionPrompt(failure, previous, { formatReminder: 'r' })).toContain(expected);
  });
});
