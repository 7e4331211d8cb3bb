import packageJson from '../package.json' with { type: 'json' };
import { createClient, describeError, serverAddress } from './client.ts';
import { type Command, type CommandContext, UsageError } from './commands/context.ts';
import { type Flags, parseFlags } from './flags.ts';
import { createOutput } from './output.ts';
import { USAGE } from './usage.ts';

const DEFAULT_URL = 'http://127.0.0.1:3000';

// Loaded on demand: `start` and `demo` pull in the whole server, which a `tickets list` should not pay for.
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.ts')).start,
  status: async () => (await import('./commands/status.ts')).status,
  projects: async () => (await import('./commands/projects.ts')).projects,
  tickets: async () => (await import('./commands/tickets.ts')).tickets,
  interview: async () => (await import('./commands/interview.ts')).interview,
  prd: async () => (await import('./commands/prd.ts')).prd,
  beads: async () => (await import('./commands/beads.ts')).beads,
  pr: async () => (await import('./commands/pr.ts')).pr,
  logs: async () => (await import('./commands/logs.ts')).logs,
  models: async () => (await import('./commands/models.ts')).models,
  openapi: async () => (await import('./commands/openapi.ts')).openapi,
  demo: async () => (await import('./commands/demo.ts')).demo,
};

function usageError(message: string): number {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  return 2;
}

/** argv → command → exit code: 0 ok, 1 failure or unreachable server, 2 usage error. */
async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
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

process.exitCode = await main(process.argv.slice(2), process.env);
