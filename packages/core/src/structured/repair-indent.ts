import type { RepairContext, RepairRule } from './repair-rule.ts';
import { normalizeKey } from './schema-shape.ts';
import { scanLines, type YamlLine } from './yaml-lines.ts';

interface Item {
  dash: number;
  content: number;
  /** The last property at `content` holds a one-line value, so a deeper key cannot be its child. */
  isLastScalar: boolean;
  /** A bare scalar item (`- foo`), which takes no properties. */
  isBare: boolean;
}

interface Fix {
  index: number;
  delta: number;
  /** Shift only the line itself, not the block under it. */
  isLineOnly?: boolean;
}

const holdsScalar = (line: YamlLine) => Boolean(line.value) && !line.opensBlock;

type Finder = (lines: readonly YamlLine[], context: RepairContext) => Fix | undefined;

/** Only keys the schema knows move: a misindented line could also be wrapped prose that merely contains `: `. */
const isKnownKey = (line: YamlLine, context: RepairContext) =>
  line.key !== undefined && (context.schema.keys.size === 0 || context.schema.keys.has(normalizeKey(line.key)));

/** Walks list items and reports the first line the finder's rule would move. */
function walkItems(
  lines: readonly YamlLine[],
  visit: (line: YamlLine, i: number, stack: Item[], afterBlock: boolean) => Fix | 'skip' | undefined,
): Fix | undefined {
  const stack: Item[] = [];
  let afterBlock = false;
  for (const [i, line] of lines.entries()) {
    if (line.isBlank || line.isComment) continue;
    if (line.isBlockContent) {
      afterBlock = true;
      continue;
    }
    const found = visit(line, i, stack, afterBlock);
    afterBlock = false;
    if (found && found !== 'skip') return found;
    if (line.dashColumn !== undefined) {
      const dash = line.dashColumn;
      while ((stack.at(-1)?.dash ?? -1) >= dash) stack.pop();
      stack.push({
        dash,
        content: dash + 2,
        isLastScalar: line.key === undefined || holdsScalar(line),
        isBare: line.key === undefined && Boolean(line.value),
      });
      continue;
    }
    while (stack.length > 0 && line.indent <= (stack.at(-1)?.dash ?? -1)) stack.pop();
    const top = stack.at(-1);
    if (top && line.key !== undefined && line.indent === top.content) top.isLastScalar = holdsScalar(line);
  }
  return undefined;
}

/** (20) List-item properties that are 1–2 spaces off move to `dash + 2`, with everything nested under them. */
const findMisindentedProperty: Finder = (lines, context) =>
  walkItems(lines, (line, i, stack) => {
    if (line.dashColumn !== undefined && line.key !== undefined && line.keyColumn !== line.dashColumn + 2) {
      const next = lines.slice(i + 1).find((l) => !l.isBlank && !l.isComment);
      const isSiblingOff =
        next?.key !== undefined && next.dashColumn === undefined && next.indent === line.dashColumn + 2;
      return isSiblingOff
        ? { index: i, delta: line.dashColumn + 2 - (line.keyColumn ?? 0), isLineOnly: true }
        : undefined;
    }
    if (line.dashColumn !== undefined || !isKnownKey(line, context)) return undefined;
    const top = [...stack].reverse().find((item) => line.indent > item.dash);
    if (!top || top.isBare || line.indent === top.content) return undefined;
    const offBy = line.indent - top.content;
    const isFixable = offBy === -1 || ((offBy === 1 || offBy === 2) && top.isLastScalar);
    return isFixable ? { index: i, delta: -offBy } : undefined;
  });

/** (19) After a block scalar, a sibling dash that drifted 1–2 columns is aligned with its list. */
const findDriftingDash: Finder = (lines) =>
  walkItems(lines, (line, i, stack, afterBlock) => {
    if (line.dashColumn === undefined || !afterBlock) return undefined;
    const dash = line.dashColumn;
    const top = stack.at(-1);
    if (!top || top.dash === dash || Math.abs(top.dash - dash) > 2) return undefined;
    if (stack.some((item) => item.dash === dash)) return undefined;
    return { index: i, delta: top.dash - dash };
  });

function shift(line: string, delta: number): string {
  if (line.trim() === '') return line;
  return delta > 0 ? ' '.repeat(delta) + line : line.slice(Math.min(-delta, line.length - line.trimStart().length));
}

function applyFix(text: string, fix: Fix): string {
  const raw = text.split('\n');
  const lines = scanLines(text);
  const start = lines[fix.index];
  if (!start) return text;
  let end = fix.index;
  if (!fix.isLineOnly) {
    for (let j = fix.index + 1; j < lines.length; j++) {
      const line = lines[j];
      if (!line || (!line.isBlank && line.indent <= start.indent)) break;
      end = j;
    }
  }
  if (fix.isLineOnly && start.dashColumn !== undefined) {
    raw[fix.index] =
      `${' '.repeat(start.dashColumn)}- ${(raw[fix.index] ?? '').slice(start.dashColumn + 1).trimStart()}`;
    return raw.join('\n');
  }
  for (let j = fix.index; j <= end; j++) raw[j] = shift(raw[j] ?? '', fix.delta);
  return raw.join('\n');
}

function fixUntilStable(text: string, find: Finder, context: RepairContext): string {
  let current = text;
  for (let round = 0; round < 1000; round++) {
    const fix = find(scanLines(current), context);
    if (!fix) return current;
    const next = applyFix(current, fix);
    if (next === current) return current;
    current = next;
  }
  return current;
}

export const reindentItemProperties: RepairRule = {
  rule: 'reindent-item-properties',
  category: 'parser_fix',
  apply: (text, context) => fixUntilStable(text, findMisindentedProperty, context),
};

export const alignDriftingDashes: RepairRule = {
  rule: 'align-drifting-dashes',
  category: 'parser_fix',
  apply: (text, context) => fixUntilStable(text, findDriftingDash, context),
};
