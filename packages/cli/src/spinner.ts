const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;

/** A one-line progress indicator for long waits. */
export interface Spinner {
  update(text: string): void;
  /** Print a line above the spinner (the spinner keeps turning below it). */
  log(line: string): void;
  stop(): void;
}

/**
 * Draws on stdout only when stdout is a terminal and the output is for people; otherwise only `log` prints, so piped
 * output and `--json` stay clean.
 */
export function startSpinner(text: string, options: { enabled: boolean; stream?: NodeJS.WriteStream }): Spinner {
  const stream = options.stream ?? process.stdout;
  if (!options.enabled || !stream.isTTY) {
    return { update() {}, log: (line) => stream.write(`${line}\n`), stop() {} };
  }
  const state = { text, frame: 0 };
  const clear = () => stream.write('\r\x1b[K');
  const draw = () => {
    clear();
    stream.write(`${FRAMES[state.frame % FRAMES.length]} ${state.text}`);
    state.frame += 1;
  };
  draw();
  const timer = setInterval(draw, FRAME_MS);
  timer.unref();
  return {
    update(next) {
      state.text = next;
    },
    log(line) {
      clear();
      stream.write(`${line}\n`);
      draw();
    },
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}
