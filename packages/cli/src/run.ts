import packageJson from '../package.json' with { type: 'json' };
import { createClient, describeError, serverAddress } from './client.ts';
import { type Command, type CommandContext, UsageError } from './commands/context.ts';
import { type Flags, parseFlags } from './flags.ts';
import { createOutput } from './output.ts';
import { USAGE } from './usage.ts';

const DEFAULT_URL = 'http://127.0.0.1:3000';

/** Command name → its loader; each command is imported on demand, so `tickets list` never loads server code. */
export type CommandTable = Record<string, () => Promise<Command>>;

function usageError(message: string): number {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  return 2;
}

/** argv → command → exit code: 0 ok, 1 failure or unreachable server, 2 usage error. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  commands: CommandTable,
): Promise<number> {
  let parsed: { values: Flags; positionals: string[] };
  try {
    // `pnpm run looptroop -- --help` passes the `--` through; it would turn every flag after it into a positional.
    parsed = parseFlags(argv[0] === '--' ? argv.slice(1) : argv);
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values: flags, positionals } = parsed;
  if (flags.version) {
    process.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  const [name, ...args] = positionals;
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!name) return usageError('a command is required');
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) return usageError(`unknown command "${name}"`);

  const server = serverAddress(flags.url || env.LOOPTROOP_URL || DEFAULT_URL, env.LOOPTROOP_API_TOKEN);
  const ctx: CommandContext = {
    server,
    client: createClient(server),
    out: createOutput(flags.json === true),
    args,
    flags,
    env,
  };
  try {
    const command = await load();
    return await command(ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nRun \`looptroop --help\` for usage.\n`);
      return 2;
    }
    process.stderr.write(`error: ${describeError(error, server.url)}\n`);
    return 1;
  }
}
