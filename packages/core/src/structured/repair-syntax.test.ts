import { describe, expect, it } from 'vitest';
import { questionsSpec, relevantFilesSpec } from './corpus/schemas.ts';
import { createRepairContext, type RepairRule } from './repair-rule.ts';
import { inlineFirstListItem, spaceAfterColon, splitKeysOnLine } from './repair-syntax.ts';

const files = createRepairContext({ ...relevantFilesSpec, rootKeys: ['file_count', 'files'] });
const questions = createRepairContext({ ...questionsSpec, rootKeys: ['questions'] });
const lines = (...rows: string[]) => rows.join('\n');

const cases: [rule: RepairRule, name: string, input: string, expected: string, context?: typeof files][] = [
  [
    spaceAfterColon,
    'known keys get their space',
    lines('file_count:2', '  - path:src/a.ts'),
    lines('file_count: 2', '  - path: src/a.ts'),
  ],
  [spaceAfterColon, 'URLs stay', '  - https://example.com', '  - https://example.com'],
  [spaceAfterColon, 'drive letters stay', '  - C:\\Users\\me', '  - C:\\Users\\me'],
  [spaceAfterColon, 'times stay', 'rationale: 12:30', 'rationale: 12:30'],
  [spaceAfterColon, 'unknown keys stay', '  - mailto:someone', '  - mailto:someone'],
  [spaceAfterColon, 'block scalar content stays', lines('rationale: |', '  path:x'), lines('rationale: |', '  path:x')],
  [
    inlineFirstListItem,
    'an inline mapping item',
    lines('files: - path: a', '  rationale: b'),
    lines('files:', '  - path: a', '  rationale: b'),
  ],
  [
    inlineFirstListItem,
    'inside a list item, under its key column',
    '  - files: - path: a',
    lines('  - files:', '      - path: a'),
  ],
  [inlineFirstListItem, 'a known list key with a scalar item', 'files: - a', lines('files:', '  - a')],
  [inlineFirstListItem, 'prose that starts with a dash stays', 'rationale: - not a list', 'rationale: - not a list'],
  [
    splitKeysOnLine,
    'several sibling keys on one item line',
    '  - id: Q1 phase: foundation question: Why now?',
    lines('  - id: Q1', '    phase: foundation', '    question: Why now?'),
    questions,
  ],
  [
    splitKeysOnLine,
    'a one-word value before one sibling key',
    'id: Q1 phase: foundation',
    lines('id: Q1', 'phase: foundation'),
    questions,
  ],
  [
    splitKeysOnLine,
    'prose that mentions one key stays',
    'question: What is the phase: now or later?',
    'question: What is the phase: now or later?',
    questions,
  ],
  [splitKeysOnLine, 'a repeated key stays', 'id: Q1 id: Q2', 'id: Q1 id: Q2', questions],
  [splitKeysOnLine, 'keys that are not siblings stay', 'id: Q1 files: x', 'id: Q1 files: x', questions],
];

describe('syntax repairs', () => {
  it.each(cases.map(([rule, name, ...rest]) => [`${rule.rule}: ${name}`, rule, ...rest] as const))(
    '%s',
    (_title, rule, input, expected, context = files) => {
      expect(rule.apply(input, context)).toBe(expected);
      expect(rule.apply(expected, context)).toBe(expected);
    },
  );
});
