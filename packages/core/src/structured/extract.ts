import { normalizeKey } from './schema-shape.ts';
import { stripTranscriptPrefixes } from './transcript.ts';
import type { CandidateKind } from './types.ts';

export interface Candidate {
  kind: CandidateKind;
  text: string;
  /** Transcript prefixes were removed before extraction. */
  isPrefixStripped: boolean;
}

const FENCE_OPEN = /^ *(`{3,}|~{3,}) *([\w+-]*) *$/;
const FENCE_LANGUAGES = new Set(['', 'yaml', 'yml', 'json', 'jsonl']);
const ROOT_KEY_LINE = /^( *)["']?([A-Za-z_][\w -]*?)["']? *:(?:\s|$)/;
const GLUED_KEY = /(?:^|[^\w"'])([A-Za-z_][\w-]*) *:(?:\s|$)/g;

/**
 * workflow.md §12.2 step 2: the texts that may hold the artifact, in the order they are tried. Each kind is taken from
 * the text as-is and again with transcript prefixes stripped; identical texts are tried once. Fenced blocks and tag
 * bodies are tried last-first, because a model that restates the format puts its real answer at the end.
 */
export function extractCandidates(text: string, options: { tag?: string; rootKeys: readonly string[] }): Candidate[] {
  const stripped = stripTranscriptPrefixes(text);
  const variants =
    stripped === text
      ? [{ text, isPrefixStripped: false }]
      : [
          { text, isPrefixStripped: false },
          { text: stripped, isPrefixStripped: true },
        ];
  const rootKeys = new Set(options.rootKeys.map(normalizeKey));
  const extractors: [CandidateKind, (source: string) => string[]][] = [
    ['raw', (source) => [source]],
    ['fence', fencedBlocks],
    ['tag', (source) => (options.tag ? taggedBlocks(source, options.tag) : [])],
    ['json', jsonSpan],
    ['root-key', (source) => fromRootKeyLine(source, rootKeys)],
    ['root-key-glued', (source) => fromGluedRootKey(source, rootKeys)],
  ];
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const [kind, extract] of extractors) {
    for (const variant of variants) {
      for (const found of extract(variant.text)) {
        const body = trimBlankLines(found);
        if (body.trim() === '' || seen.has(body)) continue;
        seen.add(body);
        candidates.push({ kind, text: body, isPrefixStripped: variant.isPrefixStripped });
      }
    }
  }
  return candidates;
}

function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** Bodies of ```yaml / ```json / bare fences; an unclosed fence runs to the end. */
export function fencedBlocks(text: string): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = FENCE_OPEN.exec(lines[i] ?? '');
    if (!open) {
      i++;
      continue;
    }
    const marker = open[1] ?? '```';
    const closing = new RegExp(`^ *${marker[0]}{${marker.length},} *$`);
    const close = lines.findIndex((line, j) => j > i && closing.test(line));
    const end = close === -1 ? lines.length : close;
    if (FENCE_LANGUAGES.has((open[2] ?? '').toLowerCase())) blocks.push(lines.slice(i + 1, end).join('\n'));
    i = end + 1;
  }
  return blocks.reverse();
}

/** Every `<TAG>…</TAG>` body; when the last opening tag is never closed, everything after it. */
export function taggedBlocks(text: string, tag: string): string[] {
  const name = tag.replace(/[^\w.-]/g, '').replaceAll('.', '\\.');
  const pairs = [...text.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}\\s*>`, 'gi'))];
  const bodies = pairs.map((m) => m[1] ?? '');
  const opens = [...text.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>`, 'gi'))];
  const lastOpen = opens.at(-1);
  const lastPairEnd = pairs.length > 0 ? Math.max(...pairs.map((m) => m.index + m[0].length)) : -1;
  if (lastOpen && lastOpen.index >= lastPairEnd) bodies.push(text.slice(lastOpen.index + lastOpen[0].length));
  return bodies.reverse();
}

/** From the first `{` that starts a line (or the first `{` at all) to the last `}`. */
export function jsonSpan(text: string): string[] {
  const lineStart = /^[ \t]*\{/m.exec(text);
  const start = lineStart ? lineStart.index + lineStart[0].length - 1 : text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? [text.slice(start, end + 1)] : [];
}

/** From the first line whose key is a known root key to the end, dedented by that line's indentation. */
export function fromRootKeyLine(text: string, rootKeys: ReadonlySet<string>): string[] {
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const match = ROOT_KEY_LINE.exec(line);
    if (!match || !rootKeys.has(normalizeKey(match[2] ?? ''))) continue;
    const indent = (match[1] ?? '').length;
    return [
      lines
        .slice(i)
        .map((l) => dedent(l, indent))
        .join('\n'),
    ];
  }
  return [];
}

/** The same, when short prose is glued in front of the key on its line (`Here you go:files:`). */
export function fromGluedRootKey(text: string, rootKeys: ReadonlySet<string>): string[] {
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    for (const match of line.matchAll(GLUED_KEY)) {
      const key = match[1] ?? '';
      if (!rootKeys.has(normalizeKey(key))) continue;
      const start = match.index + match[0].indexOf(key);
      if (line.slice(0, start).trim() === '') continue;
      return [[line.slice(start), ...lines.slice(i + 1)].join('\n')];
    }
  }
  return [];
}

function dedent(line: string, spaces: number): string {
  const own = line.length - line.trimStart().length;
  return line.slice(Math.min(own, spaces));
}
