import { describe, expect, it } from 'vitest';
import { relevantFilesSpec } from './corpus/schemas.ts';
import { dropTagLines, dropTrailingProse, spaceAfterDash, stripDocumentFence, tabsToSpaces } from './repair-cleanup.ts';
import { unquoteBlockIndicator } from './repair-quotes.ts';
import { createRepairContext, type RepairRule } from './repair-rule.ts';

const context = createRepairContext({ ...relevantFilesSpec, rootKeys: ['file_count', 'files'] });
const lines = (...rows: string[]) => rows.join('\n');

const cases: [rule: RepairRule, name: string, input: string, expected: string][] = [
  [stripDocumentFence, 'a ```yaml fence around everything', lines('```yaml', 'a: 1', '```'), 'a: 1'],
  [stripDocumentFence, 'a ~~~ fence with blank lines around', lines('', '~~~', 'a: 1', '~~~', ''), 'a: 1'],
  [stripDocumentFence, 'an opening fence that never closes', lines('```json', '{"a": 1}'), '{"a": 1}'],
  [
    stripDocumentFence,
    'a fence in the middle is not the whole document',
    lines('a: 1', '```', 'b'),
    lines('a: 1', '```', 'b'),
  ],
  [dropTagLines, 'opening and closing tag lines', lines('<RESULT>', 'a: 1', '</RESULT>'), 'a: 1'],
  [dropTagLines, 'a tag with attributes', lines('<output format="yaml">', 'a: 1'), 'a: 1'],
  [
    dropTagLines,
    'tags inside a block scalar are content',
    lines('a: |', '  <div>', '  </div>'),
    lines('a: |', '  <div>', '  </div>'),
  ],
  [dropTagLines, 'a tag inside a value stays', 'a: <b>bold</b>', 'a: <b>bold</b>'],
  [dropTrailingProse, 'a closing sentence', lines('a: 1', '', 'Hope this helps!', ''), 'a: 1'],
  [dropTrailingProse, 'a sentence after a block scalar', lines('a: |', '  text', 'Done.'), lines('a: |', '  text')],
  [dropTrailingProse, 'indented continuation lines stay', lines('a: x', '  more'), lines('a: x', '  more')],
  [dropTrailingProse, 'trailing keys, items and brackets stay', lines('a:', '- x', '}'), lines('a:', '- x', '}')],
  [dropTrailingProse, 'prose alone is not a document', 'Just prose.', 'Just prose.'],
  [dropTrailingProse, 'trailing blank lines alone stay', lines('a: 1', '', ''), lines('a: 1', '', '')],
  [tabsToSpaces, 'tab indentation', lines('a:', '\t- x', '\t\tb: 1'), lines('a:', '  - x', '    b: 1')],
  [tabsToSpaces, 'tabs after content stay', 'a: x\ty', 'a: x\ty'],
  [
    spaceAfterDash,
    '-key: becomes - key:',
    lines('items:', '  -id: 1', '  -"name": x'),
    lines('items:', '  - id: 1', '  - "name": x'),
  ],
  [
    spaceAfterDash,
    'negative numbers and document markers stay',
    lines('---', 'a: -5', '- -3'),
    lines('---', 'a: -5', '- -3'),
  ],
  [unquoteBlockIndicator, 'a quoted "|-" before indented lines', lines('a: "|-"', '  text'), lines('a: |-', '  text')],
  [
    unquoteBlockIndicator,
    'a quoted "|" with nothing under it is a string',
    lines('a: "|"', 'b: 1'),
    lines('a: "|"', 'b: 1'),
  ],
];

describe('cleanup repairs', () => {
  it.each(cases.map(([rule, name, ...rest]) => [`${rule.rule}: ${name}`, rule, ...rest] as const))(
    '%s',
    (_title, rule, input, expected) => {
      expect(rule.apply(input, context)).toBe(expected);
      expect(rule.apply(expected, context)).toBe(expected);
    },
  );
});
