/** A line-level view of YAML text, enough for the structural repairs of workflow.md §12.2 step 4. */
export interface YamlLine {
  text: string;
  indent: number;
  isBlank: boolean;
  isComment: boolean;
  /** Content of a `|` or `>` block scalar: prose, never touched by line repairs. */
  isBlockContent: boolean;
  /** Column of the `-` when the line starts a list item. */
  dashColumn?: number;
  key?: string;
  keyColumn?: number;
  /** Text after `key:` (or after `- ` for a bare item), without leading space; `''` when empty. */
  value?: string;
  /** This line opens a block scalar. */
  opensBlock: boolean;
}

const KEY_LINE = /^( *)((?:- +)?)("[^"]*"|'[^']*'|[^\s#'"[\]{},:&*!|>%@`-][^:#]*?) *:(?: +(.*)|)$/;
const DASH_LINE = /^( *)- +(.*)$/;
const BLOCK_INDICATOR = /^[|>][+-]?[0-9]?[+-]?\s*(#.*)?$/;

export function leadingSpaces(text: string): number {
  return text.length - text.trimStart().length;
}

export function isBlockIndicator(value: string): boolean {
  return BLOCK_INDICATOR.test(value);
}

/** Every line object has the same fields, in the same order: repairs scan long answers many times. */
function makeLine(text: string, indent: number, fields: Partial<YamlLine>): YamlLine {
  return {
    text,
    indent,
    isBlank: fields.isBlank ?? false,
    isComment: fields.isComment ?? false,
    isBlockContent: fields.isBlockContent ?? false,
    dashColumn: fields.dashColumn,
    key: fields.key,
    keyColumn: fields.keyColumn,
    value: fields.value,
    opensBlock: fields.opensBlock ?? false,
  };
}

function describe(text: string): YamlLine {
  const indent = leadingSpaces(text);
  if (indent === text.length) return makeLine(text, indent, { isBlank: true });
  if (text.startsWith('#', indent)) return makeLine(text, indent, { isComment: true });
  const key = KEY_LINE.exec(text);
  if (key) {
    const spaces = key[1] ?? '';
    const dash = key[2] ?? '';
    const value = (key[4] ?? '').trim();
    return makeLine(text, indent, {
      dashColumn: dash ? spaces.length : undefined,
      key: key[3] ?? '',
      keyColumn: spaces.length + dash.length,
      value,
      opensBlock: isBlockIndicator(value),
    });
  }
  const dash = DASH_LINE.exec(text);
  if (dash || text.trim() === '-') {
    const value = (dash?.[2] ?? '').trim();
    return makeLine(text, indent, { dashColumn: indent, value, opensBlock: isBlockIndicator(value) });
  }
  return makeLine(text, indent, {});
}

export function scanLines(text: string): YamlLine[] {
  const lines: YamlLine[] = [];
  let blockOwner = -1;
  for (const raw of text.split('\n')) {
    const indent = leadingSpaces(raw);
    const isBlank = indent === raw.length;
    if (blockOwner >= 0 && (isBlank || indent > blockOwner)) {
      lines.push(makeLine(raw, indent, { isBlank, isBlockContent: true }));
      continue;
    }
    const line = describe(raw);
    blockOwner = line.opensBlock ? (line.keyColumn ?? line.dashColumn ?? line.indent) : -1;
    lines.push(line);
  }
  return lines;
}

/** Applies `fix` to every structural line (block-scalar content and comments are left alone). */
export function mapStructuralLines(
  text: string,
  fix: (line: YamlLine, index: number, all: YamlLine[]) => string,
): string {
  const lines = scanLines(text);
  return lines
    .map((line, i) => (line.isBlockContent || line.isComment || line.isBlank ? line.text : fix(line, i, lines)))
    .join('\n');
}

/** Replaces the value part of a key line or list item, keeping its key and indentation. */
export function withValue(line: YamlLine, value: string): string {
  const trimmed = line.text.trimEnd();
  return trimmed.slice(0, trimmed.length - (line.value ?? '').length) + value;
}

/** The column a line's children must exceed: its key, or the dash of a bare list item. */
export function ownerColumn(line: YamlLine): number {
  return line.keyColumn ?? line.dashColumn ?? line.indent;
}

/** The next line that is not blank, or undefined at the end. */
export function nextContentLine(lines: readonly YamlLine[], index: number): YamlLine | undefined {
  for (let j = index + 1; j < lines.length; j++) {
    const line = lines[j];
    if (line && !line.isBlank) return line;
  }
  return undefined;
}
