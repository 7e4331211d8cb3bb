/** `folderPath` → `FOLDER PATH`. */
const heading = (column: string) => column.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();

/** Print rows as an aligned text table (human output); `--json` bypasses this. */
export function table<Row extends object>(rows: Row[], columns: (keyof Row & string)[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((column) => String(row[column] ?? '')));
  const widths = columns.map((column, i) =>
    Math.max(heading(column).length, ...cells.map((cell) => (cell[i] ?? '').length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns.map(heading)), ...cells.map(line)].join('\n');
}

/** Results go to stdout (as JSON with `--json`); notices go to stderr, so they never mix with a result. */
export interface Output {
  json: boolean;
  /** The command's result: `human()` for people, the value itself as JSON with `--json` or when there is no text. */
  print(value: unknown, human?: () => string): void;
  /** One line of a streamed result. */
  line(text: string): void;
  info(message: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    print(value, human) {
      process.stdout.write(`${json || !human ? JSON.stringify(value, null, 2) : human()}\n`);
    },
    line(text) {
      process.stdout.write(`${text}\n`);
    },
    info(message) {
      process.stderr.write(`${message}\n`);
    },
  };
}
