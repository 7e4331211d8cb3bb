import { describe, expect, it } from 'vitest';
import { detectPromptEcho } from './prompt-echo.ts';

const lines = (...rows: string[]) => rows.join('\n');

describe('detectPromptEcho', () => {
  it.each([
    ['a hard marker plus a section heading', lines('CRITICAL OUTPUT RULE: YAML only', '## Task', 'Do it'), true],
    ['CONTEXT REFRESH plus a heading', lines('CONTEXT REFRESH: you are resuming', '## Context', 'x'), true],
    ['a root key followed by a context heading', lines('files:', '  - a', '## Context', 'ticket'), true],
    ['a hard marker alone', 'CRITICAL OUTPUT RULE: YAML only\nfiles: []', false],
    ['a heading alone', '## Task\nfiles: []', false],
    ['a heading before the root key', lines('## Task', 'files: []'), false],
    ['a normal answer', lines('files:', '  - path: a'), false],
    ['a marker inside a value is not a heading', lines('files:', '  - rationale: see ## Context'), false],
  ])('%s → %s', (_name, text, isEcho) => {
    expect(detectPromptEcho(text, ['files']) !== undefined).toBe(isEcho);
  });
});
