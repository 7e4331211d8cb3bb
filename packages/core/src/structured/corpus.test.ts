import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { batchSpec, prdSpec, questionsSpec, relevantFilesSpec } from './corpus/schemas.ts';
import { parseStructured } from './index.ts';
import type { CandidateKind, FailureClass, StructuredSpec } from './types.ts';

const corpus = (name: string) => readFileSync(new URL(`./corpus/${name}.txt`, import.meta.url), 'utf8');

// A broken model answer from the corpus, the spec it was produced for, and what the pipeline must make of it.
type Accepted = { candidate: CandidateKind; rules: string[]; value: unknown };
type Rejected = { failureClass: FailureClass; error: RegExp };
type Row = [file: string, spec: StructuredSpec<unknown>, expected: Accepted | Rejected];

const file = (path: string, relevance: string, likely_action: string) => ({ path, relevance, likely_action });
const question = (id: string, phase: string, text: string) => ({ id, phase, question: text });

const accepted: Row[] = [
  [
    'fence-yaml',
    relevantFilesSpec,
    {
      candidate: 'fence',
      rules: ['candidate-recovery'],
      value: {
        file_count: 2,
        files: [file('src/auth/login.ts', 'high', 'modify'), file('src/auth/session.ts', 'medium', 'read')],
      },
    },
  ],
  [
    'fence-json',
    relevantFilesSpec,
    {
      candidate: 'fence',
      rules: ['candidate-recovery'],
      value: { files: [file('src/db/schema.ts', 'high', 'modify')] },
    },
  ],
  [
    'fence-inside-tag',
    relevantFilesSpec,
    { candidate: 'fence', rules: ['candidate-recovery'], value: { files: [file('src/router.ts', 'high', 'modify')] } },
  ],
  [
    'prose-around',
    relevantFilesSpec,
    { candidate: 'root-key', rules: ['candidate-recovery'], value: { files: [file('README.md', 'low', 'read')] } },
  ],
  [
    'tag-wrapped',
    relevantFilesSpec,
    {
      candidate: 'tag',
      rules: ['candidate-recovery'],
      value: { files: [file('packages/api/src/app.ts', 'high', 'modify')] },
    },
  ],
  [
    'tag-only-opening',
    relevantFilesSpec,
    { candidate: 'tag', rules: ['candidate-recovery'], value: { files: [file('src/index.ts', 'medium', 'read')] } },
  ],
  [
    'tag-last-wins',
    relevantFilesSpec,
    { candidate: 'tag', rules: ['candidate-recovery'], value: { files: [file('src/main.ts', 'high', 'modify')] } },
  ],
  [
    'transcript-prefix',
    relevantFilesSpec,
    { candidate: 'raw', rules: ['strip-transcript-prefix'], value: { files: [file('src/cli.ts', 'high', 'modify')] } },
  ],
  [
    'list-properties-misindented',
    relevantFilesSpec,
    {
      candidate: 'raw',
      rules: ['reindent-item-properties'],
      value: { files: [file('src/a.ts', 'high', 'read'), file('src/b.ts', 'low', 'create')] },
    },
  ],
  [
    'prose-after',
    questionsSpec,
    {
      candidate: 'root-key',
      rules: ['candidate-recovery', 'drop-trailing-prose'],
      value: { questions: [question('Q01', 'foundation', 'Who approves the release?')] },
    },
  ],
  [
    'tabs',
    relevantFilesSpec,
    { candidate: 'raw', rules: ['tabs-to-spaces'], value: { files: [file('src/tabs.ts', 'medium', 'read')] } },
  ],
  [
    'key-value-no-space',
    relevantFilesSpec,
    {
      candidate: 'raw',
      rules: ['space-after-colon'],
      value: {
        file_count: 1,
        files: [
          {
            ...file('src/server/http.ts', 'high', 'modify'),
            rationale: 'Serves https://example.com traffic at 12:30 daily.',
          },
        ],
      },
    },
  ],
  [
    'bare-primary-key',
    relevantFilesSpec,
    { candidate: 'raw', rules: ['promote-primary-key'], value: { files: [file('src/config.ts', 'high', 'modify')] } },
  ],
  [
    'backtick-and-at',
    relevantFilesSpec,
    {
      candidate: 'raw',
      rules: ['quote-reserved-start', 'quote-quoted-fragment'],
      value: {
        files: [
          { path: '`src/app.ts`', rationale: '@looptroop/core imports it.' },
          { path: '@types/node', rationale: '"Node typings" for the build.' },
        ],
      },
    },
  ],
  [
    'dash-key',
    questionsSpec,
    {
      candidate: 'raw',
      rules: ['space-after-dash', 'reindent-item-properties'],
      value: {
        questions: [
          question('Q01', 'foundation', 'Who are the users?'),
          question('Q02', 'structure', 'Which screens exist?'),
        ],
      },
    },
  ],
  [
    'inline-first-item',
    questionsSpec,
    {
      candidate: 'raw',
      rules: ['inline-first-list-item'],
      value: {
        questions: [
          question('Q01', 'foundation', 'What problem does this solve?'),
          question('Q02', 'assembly', 'How is it deployed?'),
        ],
      },
    },
  ],
  [
    'colon-in-scalar',
    questionsSpec,
    {
      candidate: 'raw',
      rules: ['quote-colon-scalar', 'fold-colon-scalar'],
      value: {
        questions: [
          question('Q01', 'foundation', 'Which auth flows matter: password, OAuth or SSO?'),
          question('Q02', 'structure', 'Note: the API is public. Which endpoints need rate limits: all or some?'),
        ],
      },
    },
  ],
  [
    'json-bare',
    questionsSpec,
    { candidate: 'raw', rules: [], value: { questions: [question('Q01', 'foundation', 'What is the goal?')] } },
  ],
  [
    'json-glued-prose',
    questionsSpec,
    {
      candidate: 'json',
      rules: ['candidate-recovery'],
      value: { questions: [question('Q01', 'assembly', 'How is it shipped?')] },
    },
  ],
  [
    'glued-root-key',
    questionsSpec,
    {
      candidate: 'root-key-glued',
      rules: ['candidate-recovery'],
      value: { questions: [question('Q01', 'foundation', 'What does success look like?')] },
    },
  ],
  [
    'duplicate-key-lines',
    questionsSpec,
    {
      candidate: 'raw',
      rules: ['drop-duplicate-keys'],
      value: { questions: [question('Q01', 'foundation', 'Who is the primary user?')] },
    },
  ],
  [
    'unclosed-quote',
    questionsSpec,
    {
      candidate: 'raw',
      rules: ['close-unclosed-quote', 'escape-inner-quotes'],
      value: {
        questions: [
          question('Q01', 'foundation', 'What is the deadline?'),
          question('Q02', 'structure', 'Which "done" criteria apply?'),
        ],
      },
    },
  ],
  [
    'xml-tag-lines',
    questionsSpec,
    {
      candidate: 'raw',
      rules: ['drop-tag-lines'],
      value: { questions: [question('Q01', 'assembly', 'How is it rolled out?')] },
    },
  ],
  [
    'orphan-closing-fence',
    questionsSpec,
    {
      candidate: 'raw',
      rules: ['strip-orphan-fence'],
      value: { questions: [question('Q01', 'foundation', 'What is the budget?')] },
    },
  ],
  [
    'ansi-noise',
    questionsSpec,
    {
      candidate: 'raw',
      rules: ['strip-terminal-noise', 'strip-orphan-fence'],
      value: { questions: [question('Q01', 'foundation', 'What is in scope?')] },
    },
  ],
  [
    'nested-parent',
    batchSpec,
    {
      candidate: 'raw',
      rules: ['drop-tag-lines', 'nest-under-parent'],
      value: { batch_number: 2, progress: { current: 3, total: 9 } },
    },
  ],
  [
    'aliased-keys',
    prdSpec,
    {
      candidate: 'raw',
      rules: ['unwrap-wrapper', 'key-alias'],
      value: {
        epics: [
          {
            id: 'EPIC-1',
            title: 'Sign-in',
            user_stories: [
              {
                id: 'US-1',
                acceptance_criteria: ['Wrong password shows an error'],
                implementation_steps: ['Add the form'],
              },
              { id: 'US-2', acceptance_criteria: ['Session cookie is cleared'] },
            ],
          },
        ],
      },
    },
  ],
];

const rejected: Row[] = [
  ['empty', relevantFilesSpec, { failureClass: 'empty', error: /no text/ }],
  ['whitespace', relevantFilesSpec, { failureClass: 'empty', error: /no text/ }],
  ['prompt-echo', relevantFilesSpec, { failureClass: 'prompt_echo', error: /CRITICAL OUTPUT RULE/ }],
  ['prose-only', relevantFilesSpec, { failureClass: 'unparseable', error: /not a valid YAML or JSON document/ }],
  ['duplicate-key-differs', questionsSpec, { failureClass: 'unparseable', error: /Map keys must be unique/ }],
  ['invalid-enum', relevantFilesSpec, { failureClass: 'invalid', error: /files\[0\]\.relevance/ }],
  ['missing-required', questionsSpec, { failureClass: 'invalid', error: /questions\[0\]\.question/ }],
];

describe('parseStructured on the corpus of broken model outputs', () => {
  it.each(accepted)('recovers %s', (name, spec, expected) => {
    const result = parseStructured(corpus(name), spec);
    if (!result.ok) expect.fail(`${name}: ${result.failureClass}: ${result.error}`);
    if (!('candidate' in expected)) return expect.fail('row is not an accepted row');
    expect(result.candidate).toBe(expected.candidate);
    expect(result.value).toMatchObject(expected.value as object);
    expect(result.warnings.map((w) => w.rule)).toEqual(expect.arrayContaining(expected.rules));
    expect(result.repaired).toBe(result.warnings.length > 0);
  });

  it.each(rejected)('rejects %s', (name, spec, expected) => {
    const result = parseStructured(corpus(name), spec);
    if (result.ok) expect.fail(`${name} was accepted`);
    if (!('failureClass' in expected)) return expect.fail('row is not a rejected row');
    expect(result.failureClass).toBe(expected.failureClass);
    expect(result.error).toMatch(expected.error);
  });

  it('reports zod issues for a truly invalid document', () => {
    const result = parseStructured(corpus('invalid-enum'), relevantFilesSpec);
    if (result.ok) return expect.fail('accepted');
    expect(result.issues).toEqual([
      expect.objectContaining({ path: ['files', 0, 'relevance'], code: 'invalid_value' }),
      expect.objectContaining({ path: ['files', 0, 'likely_action'], code: 'invalid_value' }),
    ]);
  });

  it('accepts every recovered corpus answer unchanged when parsed a second time from its canonical JSON', () => {
    for (const [name, spec] of accepted) {
      const first = parseStructured(corpus(name), spec);
      if (!first.ok) return expect.fail(name);
      const again = parseStructured(JSON.stringify(first.value), spec);
      expect(again).toMatchObject({ ok: true, candidate: 'raw', value: first.value });
    }
  });
});
