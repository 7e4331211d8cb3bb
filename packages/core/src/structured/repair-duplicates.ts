import type { RepairRule } from './repair-rule.ts';
import { scanLines, type YamlLine } from './yaml-lines.ts';

interface Mapping {
  column: number;
  blocks: Map<string, string>;
}

/** The key line plus everything nested under it, without trailing blank lines. */
function blockEnd(lines: readonly YamlLine[], index: number, column: number): number {
  let end = index;
  for (let j = index + 1; j < lines.length; j++) {
    const line = lines[j];
    if (!line) break;
    if (line.isBlank) continue;
    if (!line.isBlockContent && line.indent <= column) break;
    end = j;
  }
  return end;
}

/**
 * (12) A key repeated in the same mapping with exactly the same content (line or block) is dropped. Duplicates that
 * differ are left for YAML to reject: choosing one would be a guess.
 */
export const dropDuplicateKeys: RepairRule = {
  rule: 'drop-duplicate-keys',
  category: 'dropped',
  apply: (text) => {
    const lines = scanLines(text);
    const keep = lines.map(() => true);
    const stack: Mapping[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!line || line.isBlank || line.isComment || line.isBlockContent) continue;
      if (line.dashColumn !== undefined) {
        while ((stack.at(-1)?.column ?? -1) > line.dashColumn) stack.pop();
        if (line.key === undefined) continue;
        stack.push({ column: line.dashColumn + 2, blocks: new Map() });
      } else {
        while ((stack.at(-1)?.column ?? -1) > line.indent) stack.pop();
        if (line.key === undefined) continue;
        if (stack.at(-1)?.column !== line.indent) stack.push({ column: line.indent, blocks: new Map() });
      }
      const mapping = stack.at(-1);
      const column = line.keyColumn ?? line.indent;
      const end = blockEnd(lines, i, column);
      const body = lines
        .slice(i, end + 1)
        .map((l) => l.text.slice(column).trimEnd())
        .join('\n');
      const earlier = mapping?.blocks.get(line.key);
      if (earlier === undefined) {
        mapping?.blocks.set(line.key, body);
        continue;
      }
      if (earlier !== body) continue;
      for (let k = i; k <= end; k++) keep[k] = false;
      i = end;
    }
    return keep.every(Boolean)
      ? text
      : lines
          .filter((_, i) => keep[i])
          .map((l) => l.text)
          .join('\n');
  },
};
