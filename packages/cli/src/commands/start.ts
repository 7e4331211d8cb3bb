// The one command that runs server code: `@looptroop/api` re-exports core's `loadConfig`, so the CLI still imports
// core for types only (STYLE.md §2, "Dependency direction").
import { loadConfig, startServer } from '@looptroop/api';
import { startSpinner } from '../spinner.ts';
import { type Command, parseIntFlag, UsageError } from './context.ts';

function parsePort(value: string | undefined): number | undefined {
  const port = parseIntFlag(value, 'port');
  // architecture.md §10: 1–65535; 0 asks the OS for a free port (the URL line shows which).
  if (port !== undefined && (port < 0 || port > 65535)) throw new UsageError('--port must be between 0 and 65535');
  return port;
}

/**
 * Resolves on the first SIGINT or SIGTERM; a second one exits at once, for a shutdown that hangs. `dispose` gives
 * the signals back (a failed start must not swallow the next one, issue 17).
 */
function untilSignal(): { signal: Promise<NodeJS.Signals>; dispose(): void } {
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = (received) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(1));
      process.once('SIGTERM', () => process.exit(1));
      resolve(received);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return {
    signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * `start [--port --host --data-dir --no-opencode]`: the server in the foreground until SIGINT/SIGTERM. Flags win over
 * the environment (LOOPTROOP_PORT, LOOPTROOP_HOME…). Prints the real URL, also when `--port 0` picked one.
 */
export const start: Command = async (ctx) => {
  const { flags } = ctx;
  const port = parsePort(flags.port);
  const config = loadConfig(ctx.env, {
    ...(port !== undefined && { port }),
    ...(flags.host && { host: flags.host }),
    ...(flags['data-dir'] && { dataDir: flags['data-dir'] }),
    manageOpencode: flags['no-opencode'] !== true,
  });
  const stopped = untilSignal();
  const spinner = startSpinner(`Starting LoopTroop (data: ${config.dataDir})…`, { enabled: !ctx.out.json });
  const server = await startServer(config, ctx.env)
    .catch((error: unknown) => {
      stopped.dispose();
      throw error;
    })
    .finally(() => spinner.stop());
  ctx.out.print({ url: server.url, port: server.port, dataDir: config.dataDir }, () =>
    [`LoopTroop is running at ${server.url} (data: ${config.dataDir})`, 'Press Ctrl-C to stop.'].join('\n'),
  );
  const signal = await stopped.signal;
  ctx.out.info(`${signal}: stopping…`);
  await server.close();
  return 0;
};
