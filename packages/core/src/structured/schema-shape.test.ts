import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { indexSchema, normalizeKey } from './schema-shape.ts';

describe('normalizeKey', () => {
  it.each([
    ['acceptance_criteria', 'acceptancecriteria'],
    ['acceptanceCriteria', 'acceptancecriteria'],
    ['Acceptance-Criteria', 'acceptancecriteria'],
    ['file count', 'filecount'],
  ])('%s → %s', (key, expected) => {
    expect(normalizeKey(key)).toBe(expected);
  });
});

describe('indexSchema', () => {
  type Node = { name: string; children: Node[] };
  const Tree: z.ZodType<Node> = z.lazy(() => z.object({ name: z.string(), children: z.array(Tree) }));
  const Schema = z.object({
    batch_number: z.number(),
    progress: z.object({ current: z.number(), total: z.number() }).optional(),
    questions: z.array(z.object({ id: z.string(), question: z.string() })).default([]),
    tree: Tree,
  });

  it('collects keys, lists, children and siblings, following lazy recursion once', () => {
    const index = indexSchema(Schema, ['extra_root']);
    expect([...index.keys].sort()).toEqual(
      [
        'batchnumber',
        'children',
        'current',
        'extraroot',
        'id',
        'name',
        'progress',
        'question',
        'questions',
        'total',
        'tree',
      ].sort(),
    );
    expect([...index.listKeys].sort()).toEqual(['children', 'questions']);
    expect(index.children.get('progress')).toEqual(new Set(['current', 'total']));
    expect(index.siblings.get('id')).toEqual(new Set(['question']));
    expect(index.siblings.get('progress')).toEqual(new Set(['batchnumber', 'questions', 'tree']));
  });
});
