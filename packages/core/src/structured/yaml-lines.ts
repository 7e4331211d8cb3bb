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

function describe(text: string): Omit<YamlLine, 'isBlockContent'> {
  const indent = leadingSpaces(text);
  const trimmed = text.trim();
  const base = { text, indent, isBlank: trimmed === '', isComment: trimmed.startsWith('#'), opensBlock: false };
  if (base.isBlank || base.isComment) return base;
  const key = KEY_LINE.exec(text);
  if (key) {
    const [, spaces = '', dash = '', name = '', value = ''] = key;
    const dashColumn = dash ? spaces.length : undefined;
    const keyColumn = spaces.length + dash.length;
    return {
      ...base,
      dashColumn,
      key: name,
      keyColumn,
      value: value.trim(),
      opensBlock: isBlockIndicator(value.trim()),
    };
  }
  const dash = DASH_LINE.exec(text) ?? (trimmed === '-' ? [text, ' '.repeat(indent), ''] : null);
  if (dash) {
    const value = (dash[2] ?? '').trim();
    return { ...base, dashColumn: indent, value, opensBlock: isBlockIndicator(value) };
  }
  return base;
}

export function scanLines(text: string): YamlLine[] {
  const lines: YamlLine[] = [];
  let blockOwner = -1;
  for (const raw of text.split('\n')) {
    const indent = leadingSpaces(raw);
    if (blockOwner >= 0 && (raw.trim() === '' || indent > blockOwner)) {
      lines.push({
        text: raw,
        indent,
        isBlank: raw.trim() === '',
        isComment: false,
        isBlockContent: true,
        opensBlock: false,
      });
      continue;
    }
    const line = { ...describe(raw), isBlockContent: false };
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
  return lines.slice(index + 1).find((line) => !line.isBlank);
}
