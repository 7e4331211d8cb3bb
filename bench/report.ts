import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the printed table; `data` goes to the JSON file whole. */
export interface Row {
  section: 'api' | 'sse' | 'web' | 'orchestration';
  measure: string;
  /** The figure as printed (`p50 3.1 ms · p99 9 ms · 1,420 req/s`). */
  result: string;
  /** The target, when it names one. */
  target?: string;
  met?: boolean;
  data: Record<string, unknown>;
}

/** A progress line on stderr (the table goes to stdout). */
export const progress = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

export { fmt };

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' │ ');
}

/** The table `pnpm bench` prints. */
export function formatTable(rows: Row[]): string {
  const header = ['section', 'measure', 'result', 'target', 'met'];
  const lines = rows.map((r) => [
    r.section,
    r.measure,
    r.result,
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [pad(header, widths), rule, ...lines.map((l) => pad(l, widths))].join('\n');
}

/** bench/results/<ISO time>.json (git-ignored); returns the path. */
export function writeResults(dir: string, run: Record<string, unknown>, rows: Row[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ ...run, rows }, null, 2)}\n`);
  return file;
}
