import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { relevantFilesSpec } from './corpus/schemas.ts';
import {
  closeUnclosedQuote,
  doubleInvalidEscapes,
  escapeInnerQuotes,
  quoteQuotedFragment,
  quoteReservedStart,
  quoteTypeUnion,
} from './repair-quotes.ts';
import { createRepairContext, type RepairRule } from './repair-rule.ts';

const context = createRepairContext({ ...relevantFilesSpec, rootKeys: ['file_count', 'files'] });
const lines = (...rows: string[]) => rows.join('\n');

const cases: [rule: RepairRule, name: string, input: string, expected: string][] = [
  [closeUnclosedQuote, 'before the next sibling', lines('a: "open', 'b: 1'), lines('a: "open"', 'b: 1')],
  [closeUnclosedQuote, 'at the end of the document', '  - "open', '  - "open"'],
  [
    closeUnclosedQuote,
    'a quote continued on a deeper line stays',
    lines('a: "open', '  still open"'),
    lines('a: "open', '  still open"'),
  ],
  [closeUnclosedQuote, 'a trailing escaped quote stays', 'a: "x\\', 'a: "x\\'],
  [escapeInnerQuotes, 'inner quotes', 'a: "What does "done" mean?"', 'a: "What does \\"done\\" mean?"'],
  [escapeInnerQuotes, 'a JSON line with a trailing comma', '  "a": "say "hi"",', '  "a": "say \\"hi\\"",'],
  [escapeInnerQuotes, 'a type union is left to its own rule', 'a: "x" | "y"', 'a: "x" | "y"'],
  [escapeInnerQuotes, 'an apostrophe inside single quotes', "a: 'What's next?'", "a: 'What''s next?'"],
  [escapeInnerQuotes, 'doubled single quotes stay', "a: 'it''s'", "a: 'it''s'"],
  [doubleInvalidEscapes, 'a Windows path', 'a: "C:\\Users\\me"', 'a: "C:\\\\Users\\\\me"'],
  [
    doubleInvalidEscapes,
    'every backslash of a path, even a valid-looking one',
    'a: "C:\\src\\app.ts"',
    'a: "C:\\\\src\\\\app.ts"',
  ],
  [doubleInvalidEscapes, 'valid escapes stay', 'a: "tab\\t \\u00e9 \\" \\\\"', 'a: "tab\\t \\u00e9 \\" \\\\"'],
  [quoteQuotedFragment, 'a quoted word followed by text', 'a: "Node" typings', `a: '"Node" typings'`],
  [quoteQuotedFragment, 'a comment after the quote stays', 'a: "x" # note', 'a: "x" # note'],
  [
    quoteTypeUnion,
    'a union copied from the format',
    '    relevance: "high" | "medium"',
    `    relevance: '"high" | "medium"'`,
  ],
  [quoteReservedStart, 'a backtick value', 'a: `code`', "a: '`code`'"],
  [quoteReservedStart, 'an @ list item', "  - @scope/it's", "  - '@scope/it''s'"],
];

describe('quote repairs', () => {
  it.each(cases.map(([rule, name, ...rest]) => [`${rule.rule}: ${name}`, rule, ...rest] as const))(
    '%s',
    (_title, rule, input, expected) => {
      expect(rule.apply(input, context)).toBe(expected);
      expect(rule.apply(expected, context)).toBe(expected);
    },
  );

  it.each([
    ['a: "C:\\Users\\me"', { a: 'C:\\Users\\me' }],
    ['a: "C:\\src\\app.ts"', { a: 'C:\\src\\app.ts' }],
    ["a: 'What's next?'", { a: "What's next?" }],
    ['a: "Node" typings', { a: '"Node" typings' }],
    ["a: `it's`", { a: "`it's`" }],
  ])('keeps the text of %s exactly', (input, value) => {
    const repaired = [escapeInnerQuotes, doubleInvalidEscapes, quoteQuotedFragment, quoteReservedStart].reduce(
      (t, r) => r.apply(t, context),
      input,
    );
    expect(parse(repaired)).toEqual(value);
  });
});
