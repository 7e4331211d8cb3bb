import { loadConfig, startServer } from '@looptroop/api';
import { type CommandContext, intFlag } from './context.ts';

/** `start`: the server in the foreground (adopting or starting OpenCode unless --no-opencode). */
export async function start(ctx: CommandContext): Promise<number> {
  const port = intFlag(ctx, 'port');
  const host = typeof ctx.flags.host === 'string' ? ctx.flags.host : undefined;
  const dataDir = typeof ctx.flags['data-dir'] === 'string' ? ctx.flags['data-dir'] : undefined;
  const config = loadConfig(process.env, {
    ...(port !== undefined && { port }),
    ...(host && { host }),
    ...(dataDir && { dataDir }),
    manageOpencode: ctx.flags['no-opencode'] !== true,
  });
  const server = await startServer(config, process.env);
  process.stdout.write(`LoopTroop is running at ${server.url} (data: ${config.dataDir})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
