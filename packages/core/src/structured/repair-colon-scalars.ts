import { quoteSingle, type RepairContext, type RepairRule } from './repair-rule.ts';
import { normalizeKey } from './schema-shape.ts';
import { scanLines, type YamlLine } from './yaml-lines.ts';

interface ProseScalar {
  /** Text before the scalar: indentation plus `key: ` or `- `. */
  head: string;
  /** Column its continuation lines must exceed. */
  owner: number;
  lines: string[];
  /** Index of the last line it spans. */
  end: number;
}

const hasColon = (text: string) => /: |:$/.test(text);
const looksLikeProperty = (line: YamlLine, context: RepairContext) =>
  line.key !== undefined && context.schema.keys.has(normalizeKey(line.key));

/**
 * A plain scalar that YAML would misread because of a `: ` inside it: a key's value, or a list item written as prose
 * (`- Must support: OAuth`, whose "key" is not a schema key and holds a space). Continuation lines are included.
 */
function proseScalarAt(lines: readonly YamlLine[], i: number, context: RepairContext): ProseScalar | undefined {
  const line = lines[i];
  if (!line || line.isBlockContent || line.isComment || line.opensBlock) return undefined;
  const { key, keyColumn, value, dashColumn } = line;
  let scalar: Omit<ProseScalar, 'lines' | 'end'> & { first: string };
  if (key !== undefined && dashColumn !== undefined && /\s/.test(key) && !looksLikeProperty(line, context) && value) {
    scalar = {
      head: line.text.slice(0, dashColumn + 2),
      owner: dashColumn,
      first: line.text.slice(dashColumn + 2).trim(),
    };
  } else if (key !== undefined && keyColumn !== undefined && value && !/^(?:["'[{|>&*!#]|- )/.test(value)) {
    scalar = {
      head: line.text.trimEnd().slice(0, line.text.trimEnd().length - value.length),
      owner: keyColumn,
      first: value,
    };
  } else {
    return undefined;
  }
  const parts = [scalar.first];
  let end = i;
  for (let j = i + 1; j < lines.length; j++) {
    const next = lines[j];
    if (!next || next.isBlank || next.indent <= scalar.owner || next.isComment) break;
    if (next.dashColumn !== undefined || looksLikeProperty(next, context)) return undefined;
    parts.push(next.text.trim());
    end = j;
  }
  return { head: scalar.head, owner: scalar.owner, lines: parts, end };
}

function rewriteProse(text: string, context: RepairContext, multiline: boolean): string {
  const lines = scanLines(text);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const scalar = proseScalarAt(lines, i, context);
    const applies = scalar && scalar.lines.length > 1 === multiline && scalar.lines.some(hasColon);
    if (!scalar || !applies) {
      out.push(lines[i]?.text ?? '');
      continue;
    }
    if (multiline) {
      out.push(`${scalar.head}>-`, ...scalar.lines.map((part) => `${' '.repeat(scalar.owner + 2)}${part}`));
    } else {
      out.push(`${scalar.head}${quoteSingle(scalar.lines[0] ?? '')}`);
    }
    i = scalar.end;
  }
  return out.join('\n');
}

/** (5) A one-line plain scalar containing `: ` is quoted. */
export const quoteColonScalar: RepairRule = {
  rule: 'quote-colon-scalar',
  category: 'parser_fix',
  apply: (text, context) => rewriteProse(text, context, false),
};

/** (6) A wrapped prose scalar containing `: ` becomes a folded `>-` block, which joins its lines the same way. */
export const foldColonScalar: RepairRule = {
  rule: 'fold-colon-scalar',
  category: 'parser_fix',
  apply: (text, context) => rewriteProse(text, context, true),
};
