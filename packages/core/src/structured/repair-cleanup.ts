import type { RepairRule } from './repair-rule.ts';
import { mapStructuralLines, scanLines, type YamlLine } from './yaml-lines.ts';

const FENCE_LINE = /^ *(?:`{3,}|~{3,}) *[\w-]* *$/;
const TAG_ONLY_LINE = /^ *<\/?[A-Za-z_][\w.:-]*(?: [^<>]*)?\/?> *$/;

/** (8) A code fence around the whole document (an unclosed opening fence too). */
export const stripDocumentFence: RepairRule = {
  rule: 'strip-document-fence',
  category: 'cleanup',
  apply: (text) => {
    const lines = text.split('\n');
    const first = lines.findIndex((line) => line.trim() !== '');
    if (first === -1 || !FENCE_LINE.test(lines[first] ?? '')) return text;
    let last = lines.length - 1;
    while (last > first && lines[last]?.trim() === '') last--;
    const end = last > first && /^ *(?:`{3,}|~{3,}) *$/.test(lines[last] ?? '') ? last : lines.length;
    return lines.slice(first + 1, end).join('\n');
  },
};

/** (9) Lines that hold only an XML-like tag, such as a stray `<RESULT>` or `</RESULT>`. */
export const dropTagLines: RepairRule = {
  rule: 'drop-tag-lines',
  category: 'dropped',
  apply: (text) => {
    const lines = scanLines(text);
    const kept = lines.filter((line) => line.isBlockContent || !TAG_ONLY_LINE.test(line.text));
    return kept.length === lines.length ? text : kept.map((line) => line.text).join('\n');
  },
};

/** Tabs in indentation, which YAML forbids, become two spaces each. */
export const tabsToSpaces: RepairRule = {
  rule: 'tabs-to-spaces',
  category: 'parser_fix',
  apply: (text) => text.replace(/^[ \t]*\t[ \t]*/gm, (indent) => indent.replaceAll('\t', '  ')),
};

/** (11) `-key: value` → `- key: value`. */
export const spaceAfterDash: RepairRule = {
  rule: 'space-after-dash',
  category: 'parser_fix',
  apply: (text) =>
    mapStructuralLines(text, (line) => line.text.replace(/^( *)-(?=[A-Za-z_"'][^:\s]*:(?:\s|$))/, '$1- ')),
};

/**
 * Prose after the document (`Hope this helps!`): trailing lines at column 0 that are neither a key, a list item, a
 * comment nor a flow bracket. YAML never accepts such a line after a block mapping or list, so nothing valid is lost.
 */
export const dropTrailingProse: RepairRule = {
  rule: 'drop-trailing-prose',
  category: 'dropped',
  apply: (text) => {
    const lines = scanLines(text);
    let end = lines.length;
    let hasProse = false;
    while (end > 0) {
      const line = lines[end - 1];
      if (!line) break;
      const isProse = !line.isBlank && !line.isBlockContent && line.indent === 0 && isProseLine(line);
      if (!line.isBlank && !isProse) break;
      hasProse ||= isProse;
      end--;
    }
    const kept = lines.slice(0, end);
    const hasDocument = kept.some((line) => line.key !== undefined || line.dashColumn !== undefined);
    return !hasProse || !hasDocument ? text : kept.map((line) => line.text).join('\n');
  },
};

function isProseLine(line: YamlLine): boolean {
  return (
    line.key === undefined &&
    line.dashColumn === undefined &&
    !line.isComment &&
    !/^(?:[[\]{}]|---|\.\.\.)/.test(line.text)
  );
}
