import { describe, expect, it } from 'vitest';
import { batchSpec, questionsSpec, relevantFilesSpec } from './corpus/schemas.ts';
import { foldColonScalar, quoteColonScalar } from './repair-colon-scalars.ts';
import { dropDuplicateKeys } from './repair-duplicates.ts';
import { alignDriftingDashes, reindentItemProperties } from './repair-indent.ts';
import { createRepairContext, type RepairRule } from './repair-rule.ts';
import { nestUnderParent, promotePrimaryKey } from './repair-structure.ts';

const files = createRepairContext({ ...relevantFilesSpec, rootKeys: ['file_count', 'files'] });
const questions = createRepairContext({ ...questionsSpec, rootKeys: ['questions'] });
const batch = createRepairContext({ ...batchSpec, rootKeys: ['batch_number', 'progress', 'questions'] });
const lines = (...rows: string[]) => rows.join('\n');
type Context = typeof files;

const cases: [rule: RepairRule, name: string, input: string, expected: string, context?: Context][] = [
  [
    reindentItemProperties,
    'one space right, with its nested block',
    lines('- path: a', '   rationale: x', '    more: y', '  relevance: high'),
    lines('- path: a', '  rationale: x', '   more: y', '  relevance: high'),
  ],
  [
    reindentItemProperties,
    'one space left',
    lines('  - path: a', '   rationale: x'),
    lines('  - path: a', '    rationale: x'),
  ],
  [
    reindentItemProperties,
    'two spaces right after a scalar',
    lines('- path: a', '    relevance: high'),
    lines('- path: a', '  relevance: high'),
  ],
  [
    reindentItemProperties,
    'a child under an empty key stays',
    lines('- files:', '    path: a'),
    lines('- files:', '    path: a'),
  ],
  [
    reindentItemProperties,
    'wrapped prose that contains ": " stays',
    lines('- path: a', '    see also: b'),
    lines('- path: a', '    see also: b'),
  ],
  [
    reindentItemProperties,
    'extra spaces after the dash',
    lines('-   path: a', '  rationale: x'),
    lines('- path: a', '  rationale: x'),
  ],
  [
    alignDriftingDashes,
    'a dash that drifted after a block scalar',
    lines('files:', '  - path: |', '      a', '   - path: b'),
    lines('files:', '  - path: |', '      a', '  - path: b'),
  ],
  [
    alignDriftingDashes,
    'an outer list item after a block stays',
    lines('- a:', '    - b: |', '        x', '- c'),
    lines('- a:', '    - b: |', '        x', '- c'),
  ],
  [
    promotePrimaryKey,
    'a bare item followed by fields in a known list',
    lines('files:', '  - src/a.ts', '    rationale: x'),
    lines('files:', '  - path: src/a.ts', '    rationale: x'),
  ],
  [
    promotePrimaryKey,
    'a bare item in an unknown list stays',
    lines('other:', '  - src/a.ts', '    rationale: x'),
    lines('other:', '  - src/a.ts', '    rationale: x'),
  ],
  [
    promotePrimaryKey,
    'bare items without fields stay',
    lines('files:', '  - a', '  - b'),
    lines('files:', '  - a', '  - b'),
  ],
  [quoteColonScalar, 'a value with ": "', 'question: Which one: A or B?', "question: 'Which one: A or B?'", questions],
  [quoteColonScalar, 'a value ending in ":"', '  - question: Pick one:', "  - question: 'Pick one:'", questions],
  [
    quoteColonScalar,
    'a prose list item',
    "  - Must support: OAuth's flows",
    "  - 'Must support: OAuth''s flows'",
    questions,
  ],
  [
    quoteColonScalar,
    'quoted values and URLs stay',
    lines('question: "a: b"', 'id: http://x'),
    lines('question: "a: b"', 'id: http://x'),
    questions,
  ],
  [
    foldColonScalar,
    'a wrapped value with ": "',
    lines('  question: Note: wrapped', '    onto two lines', '  id: Q1'),
    lines('  question: >-', '    Note: wrapped', '    onto two lines', '  id: Q1'),
    questions,
  ],
  [
    foldColonScalar,
    'a wrapped prose list item',
    lines('- Must support: one', '  and two'),
    lines('- >-', '  Must support: one', '  and two'),
    questions,
  ],
  [
    foldColonScalar,
    'a wrapped value without ": " stays',
    lines('question: plain', '  wrapped'),
    lines('question: plain', '  wrapped'),
    questions,
  ],
  [
    nestUnderParent,
    'fields of an emptied parent',
    lines('progress:', 'current: 1', 'total: 3', 'questions: []'),
    lines('progress:', '  current: 1', '  total: 3', 'questions: []'),
    batch,
  ],
  [
    nestUnderParent,
    'a parent with children stays',
    lines('progress:', '  current: 1', 'total: 3'),
    lines('progress:', '  current: 1', 'total: 3'),
    batch,
  ],
  [
    nestUnderParent,
    'a sibling after an empty parent stays',
    lines('progress:', 'questions: []'),
    lines('progress:', 'questions: []'),
    batch,
  ],
  [dropDuplicateKeys, 'an exact duplicate key line', lines('- id: 1', '  id: 1', '  x: 2'), lines('- id: 1', '  x: 2')],
  [
    dropDuplicateKeys,
    'an exact duplicate block',
    lines('a:', '  - x', 'b: 1', 'a:', '  - x'),
    lines('a:', '  - x', 'b: 1'),
  ],
  [dropDuplicateKeys, 'the same key in sibling items stays', lines('- id: 1', '- id: 1'), lines('- id: 1', '- id: 1')],
  [dropDuplicateKeys, 'differing duplicates stay', lines('a: 1', 'a: 2'), lines('a: 1', 'a: 2')],
  [
    dropDuplicateKeys,
    'the same key in different mappings stays',
    lines('a:', '  id: 1', 'b:', '  id: 1'),
    lines('a:', '  id: 1', 'b:', '  id: 1'),
  ],
];

describe('structural repairs', () => {
  it.each(cases.map(([rule, name, ...rest]) => [`${rule.rule}: ${name}`, rule, ...rest] as const))(
    '%s',
    (_title, rule, input, expected, context = files) => {
      expect(rule.apply(input, context)).toBe(expected);
      expect(rule.apply(expected, context)).toBe(expected);
    },
  );
});
