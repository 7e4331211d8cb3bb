import type { RepairContext, RepairRule } from './repair-rule.ts';
import { normalizeKey } from './schema-shape.ts';
import { nextContentLine, scanLines, type YamlLine } from './yaml-lines.ts';

interface Item {
  dash: number;
  content: number;
  /** The last property at `content` holds a one-line value, so a deeper key cannot be its child. */
  isLastScalar: boolean;
  /** A bare scalar item (`- foo`), which takes no properties. */
  isBare: boolean;
}

interface Fix {
  delta: number;
  /** Move only the text after the dash (`-   key:` → `- key:`), not the block under the line. */
  isDashSpacing?: boolean;
}

type Finder = (
  line: YamlLine,
  i: number,
  lines: readonly YamlLine[],
  stack: readonly Item[],
  afterBlock: boolean,
) => Fix | undefined;

const holdsScalar = (line: YamlLine) => Boolean(line.value) && !line.opensBlock;

/** Only keys the schema knows move: a misindented line could also be wrapped prose that merely contains `: `. */
const isKnownKey = (line: YamlLine, context: RepairContext) =>
  line.key !== undefined && (context.schema.keys.size === 0 || context.schema.keys.has(normalizeKey(line.key)));

/** (20) List-item properties that are 1–2 spaces off move to `dash + 2`, with everything nested under them. */
const misindentedProperty =
  (context: RepairContext): Finder =>
  (line, i, lines, stack) => {
    if (line.dashColumn !== undefined && line.key !== undefined && line.keyColumn !== line.dashColumn + 2) {
      const next = nextContentLine(lines, i);
      const isSiblingOff =
        next !== undefined &&
        isKnownKey(next, context) &&
        next.dashColumn === undefined &&
        next.indent === line.dashColumn + 2;
      return isSiblingOff ? { delta: line.dashColumn + 2 - (line.keyColumn ?? 0), isDashSpacing: true } : undefined;
    }
    if (line.dashColumn !== undefined || !isKnownKey(line, context)) return undefined;
    const top = [...stack].reverse().find((item) => line.indent > item.dash);
    if (!top || top.isBare || line.indent === top.content) return undefined;
    const offBy = line.indent - top.content;
    const isFixable = offBy === -1 || ((offBy === 1 || offBy === 2) && top.isLastScalar);
    return isFixable ? { delta: -offBy } : undefined;
  };

/** (19) After a block scalar, a sibling dash that drifted 1–2 columns is aligned with its list. */
const driftingDash: Finder = (line, _i, _lines, stack, afterBlock) => {
  if (line.dashColumn === undefined || !afterBlock) return undefined;
  const dash = line.dashColumn;
  const top = stack.at(-1);
  if (!top || top.dash === dash || Math.abs(top.dash - dash) > 2) return undefined;
  if (stack.some((item) => item.dash === dash)) return undefined;
  return { delta: top.dash - dash };
};

function shift(line: string, delta: number): string {
  if (line.trim() === '') return line;
  return delta > 0 ? ' '.repeat(delta) + line : line.slice(Math.min(-delta, line.length - line.trimStart().length));
}

/** Applies a fix to `raw` in place; returns the last line index it moved. */
function applyFix(raw: string[], lines: readonly YamlLine[], index: number, fix: Fix): number {
  const start = lines[index];
  if (!start) return index;
  if (fix.isDashSpacing && start.dashColumn !== undefined) {
    raw[index] = `${' '.repeat(start.dashColumn)}- ${(raw[index] ?? '').slice(start.dashColumn + 1).trimStart()}`;
    return index;
  }
  let end = index;
  for (let j = index + 1; j < lines.length; j++) {
    const line = lines[j];
    if (!line || (!line.isBlank && line.indent <= start.indent)) break;
    end = j;
  }
  for (let j = index; j <= end; j++) raw[j] = shift(raw[j] ?? '', fix.delta);
  return end;
}

/**
 * One top-down pass over list items. A fixed line and its block are rescanned before the walk goes on, so later
 * decisions see the corrected indentation.
 */
function repairItems(text: string, find: Finder): string {
  const raw = text.split('\n');
  let lines = scanLines(text);
  const stack: Item[] = [];
  let afterBlock = false;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (!line || line.isBlank || line.isComment) continue;
    if (line.isBlockContent) {
      afterBlock = true;
      continue;
    }
    const fix = find(line, i, lines, stack, afterBlock);
    if (fix) {
      const end = applyFix(raw, lines, i, fix);
      const rescanned = scanLines(raw.slice(i, end + 1).join('\n'));
      lines = [...lines.slice(0, i), ...rescanned, ...lines.slice(end + 1)];
      changed = true;
      line = lines[i];
      if (!line) continue;
    }
    afterBlock = false;
    if (line.dashColumn !== undefined) {
      const dash = line.dashColumn;
      while ((stack.at(-1)?.dash ?? -1) >= dash) stack.pop();
      const isBare = line.key === undefined && Boolean(line.value);
      stack.push({ dash, content: dash + 2, isLastScalar: line.key === undefined || holdsScalar(line), isBare });
      continue;
    }
    while (stack.length > 0 && line.indent <= (stack.at(-1)?.dash ?? -1)) stack.pop();
    const top = stack.at(-1);
    if (top && line.key !== undefined && line.indent === top.content) top.isLastScalar = holdsScalar(line);
  }
  return changed ? raw.join('\n') : text;
}

export const reindentItemProperties: RepairRule = {
  rule: 'reindent-item-properties',
  category: 'parser_fix',
  apply: (text, context) => repairItems(text, misindentedProperty(context)),
};

export const alignDriftingDashes: RepairRule = {
  rule: 'align-drifting-dashes',
  category: 'parser_fix',
  apply: (text) => repairItems(text, driftingDash),
};
