import { describe, expect, it } from 'vitest';
import {
  extractCandidates,
  fencedBlocks,
  fromGluedRootKey,
  fromRootKeyLine,
  jsonSpan,
  taggedBlocks,
} from './extract.ts';

const lines = (...rows: string[]) => rows.join('\n');
const roots = new Set(['files', 'filecount']);

describe('candidate extraction', () => {
  it.each([
    ['a yaml fence', lines('x', '```yaml', 'a: 1', '```', 'y'), ['a: 1']],
    ['a json fence', lines('```json', '{}', '```'), ['{}']],
    ['a bare fence', lines('```', 'a: 1', '```'), ['a: 1']],
    ['two fences, last first', lines('```yaml', 'a: 1', '```', '```yml', 'b: 2', '```'), ['b: 2', 'a: 1']],
    ['an unclosed fence runs to the end', lines('```yaml', 'a: 1', 'b: 2'), [lines('a: 1', 'b: 2')]],
    ['a fence of another language is ignored', lines('```python', 'print(1)', '```'), []],
    ['a yaml fence after a python one', lines('```python', 'x', '```', '```YAML', 'a: 1', '```'), ['a: 1']],
  ])('fencedBlocks: %s', (_name, text, expected) => {
    expect(fencedBlocks(text)).toEqual(expected);
  });

  it.each([
    ['one pair', 'x <T>a: 1</T> y', ['a: 1']],
    ['every pair, last first', '<T>a</T> and <T>b</T>', ['b', 'a']],
    ['only an opening tag', 'x <T>\na: 1', ['\na: 1']],
    ['an unclosed tag after a pair', '<T>a</T> <T>b', ['b', 'a']],
    ['case and attributes', '<t kind="yaml">a</T>', ['a']],
    ['no tag', 'a: 1', []],
  ])('taggedBlocks: %s', (_name, text, expected) => {
    expect(taggedBlocks(text, 'T')).toEqual(expected);
  });

  it.each([
    ['an object after prose on its line', 'Here: {"a": 1} done', ['{"a": 1}']],
    ['an object on its own line wins over braces in prose', lines('use {x} here', '{"a": 1}'), ['{"a": 1}']],
    ['no object', 'a: 1', []],
  ])('jsonSpan: %s', (_name, text, expected) => {
    expect(jsonSpan(text)).toEqual(expected);
  });

  it.each([
    ['from the first root key line', lines('Intro', 'files:', '  - a'), [lines('files:', '  - a')]],
    ['dedented by the key indentation', lines('Intro', '  files:', '    - a'), [lines('files:', '  - a')]],
    ['keys compare normalized', lines('x', 'FileCount: 1'), ['FileCount: 1']],
    ['unknown keys do not start a candidate', lines('Note: x', 'other: 1'), []],
  ])('fromRootKeyLine: %s', (_name, text, expected) => {
    expect(fromRootKeyLine(text, roots)).toEqual(expected);
  });

  it.each([
    ['prose glued in front', lines('Here it is:files:', '  - a'), [lines('files:', '  - a')]],
    ['a key at the start is not glued', 'files: []', []],
  ])('fromGluedRootKey: %s', (_name, text, expected) => {
    expect(fromGluedRootKey(text, roots)).toEqual(expected);
  });

  it('tries raw, fence, tag, json, root key and glued root key in that order, each also without transcript prefixes', () => {
    const text = lines('[assistant] Result:files: []', '<R>', '```yaml', 'files: [1]', '```', '</R>', '{"files": []}');
    const kinds = extractCandidates(text, { tag: 'R', rootKeys: ['files'] }).map((c) => [c.kind, c.isPrefixStripped]);
    expect(kinds).toEqual([
      ['raw', false],
      ['raw', true],
      ['fence', false],
      ['tag', false],
      ['json', false],
      ['root-key', false],
      ['root-key-glued', false],
    ]);
  });

  it('finds a root key hidden behind a transcript prefix only once the prefix is stripped', () => {
    const candidates = extractCandidates(lines('[assistant] Intro', '[assistant] files: []'), { rootKeys: ['files'] });
    expect(candidates.map((c) => [c.kind, c.isPrefixStripped, c.text])).toEqual([
      ['raw', false, lines('[assistant] Intro', '[assistant] files: []')],
      ['raw', true, lines('Intro', 'files: []')],
      ['root-key', true, 'files: []'],
    ]);
  });

  it('drops empty and duplicate candidates', () => {
    const candidates = extractCandidates('files: []', { rootKeys: ['files'] });
    expect(candidates).toEqual([{ kind: 'raw', text: 'files: []', isPrefixStripped: false }]);
  });
});
