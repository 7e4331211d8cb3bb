import { quoteSingle, type RepairRule } from './repair-rule.ts';
import { mapStructuralLines, nextContentLine, ownerColumn, withValue, type YamlLine } from './yaml-lines.ts';

/** Index of the quote that closes a double-quoted scalar starting at 0, or -1. */
export function closingQuote(value: string): number {
  for (let i = 1; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === '"') return i;
  }
  return -1;
}

const lineValue = (line: YamlLine) => line.value ?? '';

/** (15) A double quote left open at a structural boundary (the next sibling, a shallower line or the end) is closed. */
export const closeUnclosedQuote: RepairRule = {
  rule: 'close-unclosed-quote',
  category: 'parser_fix',
  apply: (text) =>
    mapStructuralLines(text, (line, i, lines) => {
      const value = lineValue(line);
      if (!value.startsWith('"') || closingQuote(value) !== -1 || /(?:^|[^\\])(?:\\\\)*\\$/.test(value))
        return line.text;
      const next = nextContentLine(lines, i);
      if (next && next.indent > ownerColumn(line)) return line.text;
      return withValue(line, `${value}"`);
    }),
};

/** (14) `"What does "done" mean?"` → the inner quotes are escaped; in single quotes, `'it's'` → `'it''s'`. */
export const escapeInnerQuotes: RepairRule = {
  rule: 'escape-inner-quotes',
  category: 'parser_fix',
  apply: (text) =>
    mapStructuralLines(text, (line) => {
      const value = lineValue(line);
      const end = value.endsWith('",') || value.endsWith("',") ? value.length - 2 : value.length - 1;
      if (end < 1 || value[end] !== value[0]) return line.text;
      if (value.startsWith("'")) {
        const body = value.slice(1, end);
        const doubled = body.replace(/''|'/g, "''");
        return doubled === body ? line.text : withValue(line, `'${doubled}${value.slice(end)}`);
      }
      const close = closingQuote(value);
      if (!value.startsWith('"') || close === -1 || close >= end) return line.text;
      if (/^\s*[,:|\]}#]/.test(value.slice(close + 1))) return line.text;
      const inner = value.slice(1, end).replace(/(^|[^\\])((?:\\\\)*)"/g, '$1$2\\"');
      return withValue(line, `"${inner}${value.slice(end)}`);
    }),
};

const VALID_ESCAPE = /^(?:[0abtnvfre "/\\N_LP\t]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})/;

function hasInvalidEscape(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') continue;
    if (!VALID_ESCAPE.test(body.slice(i + 1))) return true;
    i++;
  }
  return false;
}

/**
 * (13) A double-quoted string with an invalid backslash escape (`"C:\src\app.ts"`) was not written with escapes in
 * mind: every backslash in it except before a quote becomes literal, so `\a` does not turn into a bell character.
 */
export const doubleInvalidEscapes: RepairRule = {
  rule: 'double-invalid-escapes',
  category: 'parser_fix',
  apply: (text) =>
    mapStructuralLines(text, (line) => {
      const value = lineValue(line);
      if (!value.startsWith('"') || !value.includes('\\')) return line.text;
      const close = closingQuote(value);
      const body = value.slice(1, close === -1 ? undefined : close);
      if (!hasInvalidEscape(body)) return line.text;
      const literal = body.replace(/\\(?!")/g, '\\\\');
      return withValue(line, `"${literal}${close === -1 ? '' : value.slice(close)}`);
    }),
};

function quoteAfterQuoted(line: YamlLine, isUnion: boolean): string {
  const value = lineValue(line);
  const close = value.startsWith('"') ? closingQuote(value) : -1;
  if (close === -1) return line.text;
  const rest = value.slice(close + 1).trim();
  if (rest === '' || /^[,#\]}:]/.test(rest) || rest.startsWith('|') !== isUnion) return line.text;
  return withValue(line, quoteSingle(value));
}

/** (16) `"x" text`: a quoted fragment followed by more text becomes one quoted string. */
export const quoteQuotedFragment: RepairRule = {
  rule: 'quote-quoted-fragment',
  category: 'parser_fix',
  apply: (text) => mapStructuralLines(text, (line) => quoteAfterQuoted(line, false)),
};

/** (17) `"a" | "b"`: a type union copied from the format becomes one quoted string. */
export const quoteTypeUnion: RepairRule = {
  rule: 'quote-type-union',
  category: 'parser_fix',
  apply: (text) => mapStructuralLines(text, (line) => quoteAfterQuoted(line, true)),
};

/** (16) A quoted `"|-"` block indicator followed by indented lines becomes a real block scalar. */
export const unquoteBlockIndicator: RepairRule = {
  rule: 'unquote-block-indicator',
  category: 'parser_fix',
  apply: (text) =>
    mapStructuralLines(text, (line, i, lines) => {
      const match = /^(["'])([|>][+-]?)\1$/.exec(lineValue(line));
      const next = nextContentLine(lines, i);
      if (!match || !next || next.indent <= ownerColumn(line)) return line.text;
      return withValue(line, match[2] ?? '|');
    }),
};

/** (18) A plain scalar cannot start with `` ` `` or `@`; such a value is quoted. */
export const quoteReservedStart: RepairRule = {
  rule: 'quote-reserved-start',
  category: 'parser_fix',
  apply: (text) =>
    mapStructuralLines(text, (line) => {
      const value = lineValue(line);
      return /^[`@]/.test(value) ? withValue(line, quoteSingle(value)) : line.text;
    }),
};
