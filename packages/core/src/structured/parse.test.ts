import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { questionsSpec, relevantFilesSpec } from './corpus/schemas.ts';
import { parseStructured } from './parse.ts';

const lines = (...rows: string[]) => rows.join('\n');
const validFiles = lines(
  'file_count: 1',
  'files:',
  '  - path: src/a.ts',
  '    rationale: "see path:x"',
  '    relevance: high',
  '    likely_action: read',
);

describe('parseStructured pipeline', () => {
  it('accepts clean YAML verbatim: raw candidate, no warnings, not repaired', () => {
    expect(parseStructured(validFiles, relevantFilesSpec)).toEqual({
      ok: true,
      value: {
        file_count: 1,
        files: [{ path: 'src/a.ts', rationale: 'see path:x', relevance: 'high', likely_action: 'read' }],
      },
      warnings: [],
      candidate: 'raw',
      repaired: false,
    });
  });

  it('prefers a clean extraction over repairing the raw text', () => {
    const result = parseStructured(lines('```yaml', validFiles, '```'), relevantFilesSpec);
    expect(result).toMatchObject({ ok: true, candidate: 'fence', repaired: true });
    expect(result.warnings).toEqual([
      { category: 'parser_fix', stage: 'parse', rule: 'candidate-recovery', detail: 'fence' },
    ]);
  });

  it('checks for a prompt echo before anything else, even when a valid document follows', () => {
    const echo = lines('CONTEXT REFRESH: resume', '## Instructions', 'Answer.', validFiles);
    expect(parseStructured(echo, relevantFilesSpec)).toMatchObject({ ok: false, failureClass: 'prompt_echo' });
  });

  it.each([
    ['terminal noise only', '\u001b[0m\u0007', 'empty'],
    ['a plain sentence', 'No files matter.', 'unparseable'],
    ['a multi-document stream', lines('files: []', '---', 'files: []'), 'unparseable'],
    [
      'an alias bomb',
      lines(
        'a: &a [x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      ),
      'unparseable',
    ],
    ['a list where an object is expected', '- a\n- b', 'invalid'],
  ])('classifies %s as %s', (_name, text, failureClass) => {
    expect(parseStructured(text, relevantFilesSpec)).toMatchObject({ ok: false, failureClass });
  });

  it('names the tag candidate when the tagged YAML does not parse', () => {
    const result = parseStructured('<RELEVANT_FILES_RESULT>\nfiles: [\n</RELEVANT_FILES_RESULT>', relevantFilesSpec);
    expect(result).toMatchObject({
      ok: false,
      failureClass: 'unparseable',
      error: expect.stringMatching(/in the tag candidate/),
    });
  });

  it('reports the issues of the first candidate that parsed, not of a stray JSON span inside it', () => {
    const text = lines('questions:', '  - id: Q1', '    phase: {bad: 1}', '    question: Why?');
    const result = parseStructured(text, questionsSpec);
    if (result.ok) return expect.fail('accepted');
    expect(result.issues).toEqual([expect.objectContaining({ path: ['questions', 0, 'phase'] })]);
  });

  it('derives root keys from the schema when the spec names none', () => {
    const spec = { schema: z.object({ summary: z.string() }) };
    expect(parseStructured('Here is my summary.\nsummary: done', spec)).toMatchObject({
      ok: true,
      candidate: 'root-key',
    });
  });

  it('accepts a scalar when the schema asks for one', () => {
    expect(parseStructured('done', { schema: z.literal('done') })).toMatchObject({ ok: true, value: 'done' });
  });

  it('validates through transforming schemas and returns their output', () => {
    const Scorecard = z
      .object({ draft_scores: z.record(z.string(), z.object({ total_score: z.number() })) })
      .transform((raw) => Object.keys(raw.draft_scores));
    const result = parseStructured(lines('Draft_Scores:', '  Draft 1:', '    TotalScore: 4'), { schema: Scorecard });
    expect(result).toMatchObject({ ok: true, value: ['Draft 1'] });
  });

  it('records transcript stripping and candidate recovery before the repairs, in pipeline order', () => {
    const text = lines(
      '[assistant] Here you go',
      '[assistant] questions:',
      '[assistant]   -id: Q1',
      '[assistant]    phase: foundation',
      '[assistant]    question: Why?',
    );
    const result = parseStructured(text, questionsSpec);
    expect(result.warnings.map((w) => w.rule)).toEqual([
      'strip-transcript-prefix',
      'candidate-recovery',
      'space-after-dash',
      'reindent-item-properties',
    ]);
    expect(result).toMatchObject({ ok: true, candidate: 'root-key', value: { questions: [{ id: 'Q1' }] } });
  });

  it('gives every repair warning a before → after example', () => {
    const result = parseStructured(
      'file_count:1\nfiles:\n  - path:a\n    rationale: x\n    relevance: low\n    likely_action: read',
      relevantFilesSpec,
    );
    expect(result.warnings).toEqual([
      {
        category: 'parser_fix',
        stage: 'parse',
        rule: 'space-after-colon',
        detail: 'line 1: "file_count:1" → "file_count: 1"',
      },
    ]);
  });
});
