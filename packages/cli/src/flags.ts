import { parseArgs } from 'node:util';

/** Every flag any command takes, parsed once in `main.ts`; commands read the typed `values`. */
const FLAG_OPTIONS = {
  url: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
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
  raw: { type: 'boolean' },
  file: { type: 'string' },
  flow: { type: 'string' },
  reason: { type: 'string' },
  commentary: { type: 'string' },
} as const;

/** Throws a TypeError (→ exit 2) on an unknown flag or a missing flag value. */
export function parseFlags(argv: string[]) {
  return parseArgs({ args: argv, options: FLAG_OPTIONS, allowPositionals: true, strict: true });
}

export type Flags = ReturnType<typeof parseFlags>['values'];
