import type { RepairWarning } from './types.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what this strips
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const PASTE_MARKERS = /\[20[01]~/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stray control characters are what this strips
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g;
const FENCE = /^ *(`{3,}|~{3,})/;

/**
 * workflow.md §12.2 step 3: terminal noise (ANSI sequences, bracketed-paste markers, control characters) and a closing
 * fence that no opening fence matches. Line endings become `\n`.
 */
export function stripTerminalNoise(text: string): { text: string; warnings: RepairWarning[] } {
  const warnings: RepairWarning[] = [];
  const unified = text.replace(/\r\n?/g, '\n');
  const cleaned = unified.replace(ANSI, '').replace(PASTE_MARKERS, '').replace(CONTROL, '');
  if (cleaned !== unified) {
    warnings.push({ category: 'cleanup', stage: 'parse', rule: 'strip-terminal-noise' });
  }
  const withoutFence = stripOrphanClosingFence(cleaned);
  if (withoutFence !== cleaned) {
    warnings.push({ category: 'cleanup', stage: 'parse', rule: 'strip-orphan-fence' });
  }
  return { text: withoutFence, warnings };
}

/** A trailing fence line is an orphan when the fence lines before it are already paired. */
function stripOrphanClosingFence(text: string): string {
  const lines = text.split('\n');
  let last = lines.length - 1;
  while (last >= 0 && lines[last]?.trim() === '') last--;
  const tail = lines[last];
  if (tail === undefined || !/^ *(`{3,}|~{3,}) *$/.test(tail)) return text;
  const fencesBefore = lines.slice(0, last).filter((line) => FENCE.test(line)).length;
  if (fencesBefore % 2 === 1) return text;
  return lines.slice(0, last).join('\n').trimEnd();
}
