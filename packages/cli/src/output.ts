/** Print rows as an aligned text table (human output); `--json` bypasses this. */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((c) => String(row[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

export interface Output {
  json: boolean;
  print(value: unknown, human?: () => string): void;
  info(message: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    print(value, human) {
      process.stdout.write(`${json || !human ? JSON.stringify(value, null, 2) : human()}\n`);
    },
    info(message) {
      if (!json) process.stderr.write(`${message}\n`);
    },
  };
}
