import { normalizeKey } from './schema-shape.ts';

const HARD_MARKERS = /^[ \t]*(?:[#>*]+[ \t]*)?(?:CRITICAL OUTPUT RULE|CONTEXT REFRESH):/m;
const SOFT_MARKER = /^[ \t]*##[ \t]+(?:System Role|Task|Instructions|Expected Output Format|Context)[ \t]*$/im;
const ROOT_KEY_LINE = /^[ \t]*["']?([A-Za-z_][\w -]*?)["']?[ \t]*:(?:\s|$)/gm;

/**
 * workflow.md §12.2 step 1: the answer repeats the prompt instead of answering it. Either a hard marker of our prompt
 * templates plus a section heading, or a known root key followed by a prompt section heading.
 */
export function detectPromptEcho(text: string, rootKeys: readonly string[]): string | undefined {
  const hard = HARD_MARKERS.exec(text);
  if (hard && SOFT_MARKER.test(text)) return `the answer repeats the prompt (found "${hard[0].trim()}")`;
  const roots = new Set(rootKeys.map(normalizeKey));
  for (const match of text.matchAll(ROOT_KEY_LINE)) {
    if (!roots.has(normalizeKey(match[1] ?? ''))) continue;
    const heading = SOFT_MARKER.exec(text.slice(match.index));
    if (heading) return `the answer repeats the prompt (a root key followed by "${heading[0].trim()}")`;
    return undefined;
  }
  return undefined;
}
