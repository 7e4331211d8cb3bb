import { quoteSingle, type RepairContext, type RepairRule } from './repair-rule.ts';
import { normalizeKey } from './schema-shape.ts';
import { mapStructuralLines, type YamlLine } from './yaml-lines.ts';

const GLUED_VALUE = /^( *(?:- +)?)([A-Za-z_][\w.-]*):([^\s:/\\].*)$/;
const EMBEDDED_KEY = / ([A-Za-z_][\w-]*):(?= |$)/g;

const isKnownKey = (key: string, context: RepairContext) =>
  context.schema.keys.size === 0 || context.schema.keys.has(normalizeKey(key));

/**
 * (3) `key:value` → `key: value`. Only for keys the schema knows, at least two letters long (so `C:\…` drive letters
 * stay), and never for `scheme://` URLs or `12:30` times.
 */
export const spaceAfterColon: RepairRule = {
  rule: 'space-after-colon',
  category: 'parser_fix',
  apply: (text, context) =>
    mapStructuralLines(text, (line) => {
      const match = GLUED_VALUE.exec(line.text);
      if (!match) return line.text;
      const [, lead = '', key = '', value = ''] = match;
      if (key.length < 2 || !isKnownKey(key, context)) return line.text;
      return `${lead}${key}: ${value}`;
    }),
};

/** (2) `key: - id: x` → the first list item moves to its own line under `key:`. */
export const inlineFirstListItem: RepairRule = {
  rule: 'inline-first-list-item',
  category: 'parser_fix',
  apply: (text, context) =>
    mapStructuralLines(text, (line) => {
      const { key, keyColumn, value } = line;
      if (key === undefined || keyColumn === undefined || !value?.startsWith('- ')) return line.text;
      const item = value.slice(2).trimStart();
      const isList = context.schema.listKeys.has(normalizeKey(key)) || /^[A-Za-z_][\w-]*:(?: |$)/.test(item);
      if (!isList) return line.text;
      return `${line.text.slice(0, keyColumn)}${key}:\n${' '.repeat(keyColumn + 2)}- ${item}`;
    }),
};

/**
 * (4) Several sibling keys on one line (`- id: Q1 phase: foundation question: Why?`) split onto their own lines. Only
 * keys the schema lists as siblings split, and only when the line cannot be prose: two or more embedded keys, or a
 * one-word value before the embedded key.
 */
export const splitKeysOnLine: RepairRule = {
  rule: 'split-keys-on-line',
  category: 'parser_fix',
  apply: (text, context) => mapStructuralLines(text, (line) => splitLine(line, context)),
};

function splitLine(line: YamlLine, context: RepairContext): string {
  const { key, keyColumn, value } = line;
  if (key === undefined || keyColumn === undefined || !value || /^["'[{|>&*!]/.test(value)) return line.text;
  const siblings = context.schema.siblings.get(normalizeKey(key));
  if (!siblings) return line.text;
  const cuts = [...value.matchAll(EMBEDDED_KEY)].filter((m) => siblings.has(normalizeKey(m[1] ?? '')));
  if (cuts.length === 0) return line.text;
  const first = value.slice(0, cuts[0]?.index).trim();
  const names = [key, ...cuts.map((m) => m[1] ?? '')].map(normalizeKey);
  if (new Set(names).size !== names.length) return line.text;
  if (cuts.length < 2 && /\s/.test(first)) return line.text;
  const head = line.text.slice(0, keyColumn);
  const parts = [`${head}${key}:${first ? ` ${asScalar(first)}` : ''}`];
  for (const [i, cut] of cuts.entries()) {
    const end = cuts[i + 1]?.index ?? value.length;
    const body = value.slice(cut.index + cut[0].length, end).trim();
    parts.push(`${' '.repeat(keyColumn)}${cut[1]}:${body ? ` ${asScalar(body)}` : ''}`);
  }
  return parts.join('\n');
}

const asScalar = (value: string) => (/: |:$|^[`@]/.test(value) ? quoteSingle(value) : value);
