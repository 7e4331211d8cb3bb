import { parseArgs } from 'node:util';
import { createClient, describeError } from './client.ts';
import { type CommandContext, UsageError } from './commands/context.ts';
import { demo } from './commands/demo.ts';
import { interview } from './commands/interview.ts';
import { logs } from './commands/logs.ts';
import { projects } from './commands/projects.ts';
import { start } from './commands/start.ts';
import { models, openapi, status } from './commands/status.ts';
import { tickets } from './commands/tickets.ts';
import { createOutput } from './output.ts';

const VERSION = '0.1.0';

const USAGE = `looptroop — turn a coding ticket into an agent-built pull request

Usage: looptroop <command> [options]

  start [--port N --host H --data-dir DIR --no-opencode]   run the server in the foreground
  status                                                   server, storage and OpenCode status
  projects list | attach --name N --shortname S --path P | rm ID
  tickets list [--project ID] | show REF | create --project ID --title T [--description D --priority P]
  tickets start REF | cancel REF [--delete-content --delete-log] | retry REF | approve REF
  interview show REF | answer REF [--answer Q=text ...] [--select Q=opt1,opt2 ...] [--skip Q ...]
  logs REF [--follow]                                      stored events, then live ones with --follow
  models                                                   models OpenCode can run
  openapi                                                  print the OpenAPI document
  demo [--repo PATH] [--ticket TITLE] [--auto] [--until STATUS]
                                                           play a whole ticket with scripted models (no API keys)

Options: --url URL (default $LOOPTROOP_URL or http://127.0.0.1:3000), --json, --help, --version
Exit codes: 0 ok, 1 failure or server unreachable, 2 usage error`;

const commands: Record<string, (ctx: CommandContext) => Promise<number>> = {
  start,
  status,
  projects,
  tickets,
  interview,
  logs,
  models,
  openapi,
  demo,
};

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-opencode': { type: 'boolean' },
        name: { type: 'string' },
        shortname: { type: 'string' },
        path: { type: 'string' },
        project: { type: 'string' },
        title: { type: 'string' },
        description: { type: 'string' },
        priority: { type: 'string' },
        'delete-content': { type: 'boolean' },
        'delete-log': { type: 'boolean' },
        follow: { type: 'boolean', short: 'f' },
        answer: { type: 'string', multiple: true },
        select: { type: 'string', multiple: true },
        skip: { type: 'string', multiple: true },
        repo: { type: 'string' },
        ticket: { type: 'string' },
        auto: { type: 'boolean' },
        until: { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [name, ...args] = positionals;
  const command = name ? commands[name] : undefined;
  if (values.help || !name) {
    process.stdout.write(`${USAGE}\n`);
    return name || values.help ? 0 : 2;
  }
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  const url = String(values.url ?? process.env.LOOPTROOP_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const ctx: CommandContext = {
    url,
    client: createClient(url),
    out: createOutput(values.json === true),
    args,
    flags: values,
  };
  try {
    return await command(ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${describeError(error, url).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
