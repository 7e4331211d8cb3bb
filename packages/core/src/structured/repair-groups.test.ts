import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { prdSpec, questionsSpec, relevantFilesSpec } from './corpus/schemas.ts';
import { REPAIR_GROUPS } from './repair-groups.ts';
import { createRepairContext } from './repair-rule.ts';

const context = createRepairContext({ ...relevantFilesSpec, rootKeys: ['file_count', 'files'] });
const rules = REPAIR_GROUPS.flat();
const corpusDir = new URL('./corpus/', import.meta.url);
const corpus = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => [name, readFileSync(new URL(name, corpusDir), 'utf8')] as const);

const cleanDocuments = [
  stringify({
    file_count: 2,
    files: [
      { path: 'C:\\src\\a.ts', rationale: 'Note: has a colon', relevance: 'high', likely_action: 'read' },
      { path: '@scope/pkg', rationale: 'Uses `code` and "quotes"', relevance: 'low', likely_action: 'create' },
    ],
  }),
  stringify({ questions: [{ id: 'Q1', phase: 'foundation', question: "What's next: A or B?\nSecond line" }] }),
  [
    '# a comment',
    'file_count: 1 # trailing comment',
    'files:',
    '- path: src/a.ts',
    '  rationale: |',
    '    path:x - id: y',
    '      <tag>',
    '    key: value: more',
    '  relevance: high',
    '  likely_action: read',
    'extra: {a: 1, b: [x, y]}',
    'url: https://example.com/a:b',
  ].join('\n'),
];

describe('repair groups', () => {
  it('run every rule exactly once', () => {
    expect(new Set(rules.map((r) => r.rule)).size).toBe(rules.length);
  });

  it('has clean documents that really are valid YAML', () => {
    for (const document of cleanDocuments) expect(parseDocument(document).errors).toEqual([]);
  });

  it.each(rules.map((rule) => [rule.rule, rule] as const))('%s leaves clean documents untouched', (_name, rule) => {
    for (const document of cleanDocuments) expect(rule.apply(document, context)).toBe(document);
  });

  it.each(rules.map((rule) => [rule.rule, rule] as const))('%s is idempotent on the whole corpus', (_name, rule) => {
    for (const spec of [relevantFilesSpec, questionsSpec, prdSpec]) {
      const own = createRepairContext({ ...spec, rootKeys: spec.rootKeys ?? [] });
      for (const [, text] of corpus) {
        const once = rule.apply(text, own);
        expect(rule.apply(once, own)).toBe(once);
      }
    }
  });
});
