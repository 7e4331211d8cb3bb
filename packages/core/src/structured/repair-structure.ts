import type { RepairContext, RepairRule } from './repair-rule.ts';
import { normalizeKey } from './schema-shape.ts';
import { nextContentLine, scanLines, type YamlLine } from './yaml-lines.ts';

const isStructural = (line: YamlLine) => !line.isBlank && !line.isComment && !line.isBlockContent;

/** The key that owns the list an item at `index` belongs to (`files:` for `- src/a.ts`). */
function listOwnerKey(lines: readonly YamlLine[], index: number): string | undefined {
  const dash = lines[index]?.dashColumn ?? 0;
  for (let j = index - 1; j >= 0; j--) {
    const line = lines[j];
    if (!line || !isStructural(line)) continue;
    if (line.indent > dash || (line.indent === dash && line.dashColumn !== undefined)) continue;
    return line.key !== undefined && line.value === '' ? line.key : undefined;
  }
  return undefined;
}

/**
 * (7) A bare scalar list item followed by fields (`- src/a.ts` then `rationale: …`) becomes the list's primary key
 * (`- path: src/a.ts`). Only for lists the spec names.
 */
export const promotePrimaryKey: RepairRule = {
  rule: 'promote-primary-key',
  category: 'parser_fix',
  apply: (text, context: RepairContext) => {
    const lines = scanLines(text);
    return lines
      .map((line, i) => {
        const { dashColumn, key, value } = line;
        if (!isStructural(line) || dashColumn === undefined || key !== undefined || !value || line.opensBlock) {
          return line.text;
        }
        const next = nextContentLine(lines, i);
        if (!next || next.key === undefined || next.dashColumn !== undefined || next.indent <= dashColumn)
          return line.text;
        const owner = listOwnerKey(lines, i);
        const primary = owner === undefined ? undefined : context.listPrimaryKeys.get(normalizeKey(owner));
        return primary ? `${' '.repeat(dashColumn)}- ${primary}: ${value}` : line.text;
      })
      .join('\n');
  },
};

/**
 * (1) An object key left empty while its own fields follow at its level (`progress:` then `current: 1`) gets those
 * fields nested under it. Only fields the schema places under that key, never its siblings.
 */
export const nestUnderParent: RepairRule = {
  rule: 'nest-under-parent',
  category: 'parser_fix',
  apply: (text, context) => {
    const lines = scanLines(text);
    const out = lines.map((line) => line.text);
    for (let i = 0; i < lines.length; i++) {
      const parent = lines[i];
      if (!parent || !isStructural(parent) || parent.key === undefined || parent.value !== '') continue;
      const column = parent.keyColumn ?? parent.indent;
      const name = normalizeKey(parent.key);
      const children = context.schema.children.get(name);
      const siblings = context.schema.siblings.get(name) ?? new Set<string>();
      const belongs = (line: YamlLine) =>
        line.key !== undefined &&
        line.dashColumn === undefined &&
        line.indent === column &&
        children?.has(normalizeKey(line.key)) === true &&
        !siblings.has(normalizeKey(line.key));
      const first = nextContentLine(lines, i);
      if (!first || !belongs(first)) continue;
      let j = i + 1;
      while (j < lines.length) {
        const line = lines[j];
        if (!line) break;
        if (line.isBlank || line.isComment || line.isBlockContent || line.indent > column) {
          j++;
          continue;
        }
        if (!belongs(line)) break;
        j++;
      }
      let end = j;
      while (end > i + 1 && lines[end - 1]?.isBlank) end--;
      for (let k = i + 1; k < end; k++) out[k] = out[k]?.trim() === '' ? (out[k] ?? '') : `  ${out[k] ?? ''}`;
      i = end - 1;
    }
    return out.join('\n');
  },
};
