import { z } from 'zod';
import { repoPathProblem } from './repo-path.ts';

// workflow.md §10.3: commands are command specs — a direct program plus arguments (preferred), or a script for an
// explicitly named shell — with a repo-relative working directory, a structured env and an optional bounded timeout.

export const ShellKind = z.enum(['posix', 'cmd', 'powershell']);
export type ShellKind = z.infer<typeof ShellKind>;

/** The longest timeout a single command may ask for (one hour; the attempt deadline still bounds it). */
export const MAX_COMMAND_TIMEOUT_SECONDS = 3600;

const SHELL_ALIASES: Record<string, ShellKind> = {
  posix: 'posix',
  sh: 'posix',
  bash: 'posix',
  zsh: 'posix',
  dash: 'posix',
  shell: 'posix',
  cmd: 'cmd',
  'cmd.exe': 'cmd',
  powershell: 'powershell',
  pwsh: 'powershell',
  'powershell.exe': 'powershell',
};

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name ([A-Za-z_][A-Za-z0-9_]*)');

const Cwd = z
  .string()
  .default('.')
  .transform((path) => normalizeRepoPath(path) || '.')
  .superRefine((path, issue) => {
    const problem = path === '.' ? null : repoPathProblem(path);
    if (problem) issue.addIssue({ code: 'custom', message: `cwd ${problem}` });
  });

const common = {
  cwd: Cwd,
  env: z.record(EnvName, z.coerce.string()).default({}),
  timeoutSeconds: z.number().int().positive().max(MAX_COMMAND_TIMEOUT_SECONDS).nullable().default(null),
};

const Shell = z
  .string()
  .transform((s) => SHELL_ALIASES[s.trim().toLowerCase()] ?? s)
  .pipe(ShellKind);

const storedCommon = {
  cwd: z.string(),
  env: z.record(z.string(), z.string()),
  timeoutSeconds: z.number().int().nullable(),
};

/** The canonical command spec as stored and served (no transforms: it is also an API output schema). */
export const StoredCommandSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exec'), program: z.string(), args: z.array(z.string()), ...storedCommon }),
  z.object({ kind: z.literal('script'), shell: ShellKind, script: z.string(), ...storedCommon }),
]);

/** The canonical command spec, as stored in the plan and the profile. */
export type CommandSpec =
  | {
      kind: 'exec';
      program: string;
      args: string[];
      cwd: string;
      env: Record<string, string>;
      timeoutSeconds: number | null;
    }
  | {
      kind: 'script';
      shell: ShellKind;
      script: string;
      cwd: string;
      env: Record<string, string>;
      timeoutSeconds: number | null;
    };

// One object schema (not a union) so a bad field is reported by name, not as "Invalid input".
const CommandObject = z
  .object({
    program: z.string().trim().min(1).optional(),
    args: z.array(z.coerce.string()).default([]),
    shell: Shell.optional(),
    script: z.string().trim().min(1).optional(),
    ...common,
  })
  .superRefine((c, issue) => {
    if (c.program === undefined && (c.shell === undefined || c.script === undefined))
      issue.addIssue({
        code: 'custom',
        message: 'a command needs program (+ args) or shell (posix|cmd|powershell) + script',
      });
    else if (c.program !== undefined && c.script !== undefined)
      issue.addIssue({ code: 'custom', message: 'a command has either program or script, not both' });
  });

const toSpec = (c: z.output<typeof CommandObject>): CommandSpec => {
  const { cwd, env, timeoutSeconds } = c;
  if (c.program !== undefined) return { kind: 'exec', program: c.program, args: c.args, cwd, env, timeoutSeconds };
  return { kind: 'script', shell: c.shell ?? 'posix', script: c.script ?? '', cwd, env, timeoutSeconds };
};

/** A stored spec (the `kind` key is ignored on input and set again on output). */
export const CommandSpec = CommandObject.transform(toSpec);

/** A command as a model may write it: a spec, or a legacy string (turned into a host script with a warning). */
export const CommandInput = z.union([z.string().trim().min(1), CommandObject.transform(toSpec)]);
export type CommandInput = CommandSpec | string;

/** Forward slashes, no leading `./`, no trailing slash (workflow.md §12.3: setup plan paths). */
export function normalizeRepoPath(path: string): string {
  return path
    .trim()
    .replaceAll('\\', '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/\/{2,}/g, '/');
}

/**
 * workflow.md §10.3: a legacy string becomes a script for the current host's preferred shell. The caller records
 * the warning so the user sees which commands were converted.
 */
export function fromLegacy(command: CommandInput, shell: ShellKind): { spec: CommandSpec; warning: string | null } {
  if (typeof command !== 'string') return { spec: command, warning: null };
  return {
    spec: { kind: 'script', shell, script: command, cwd: '.', env: {}, timeoutSeconds: null },
    warning: `The command "${command}" was a plain string; it runs as a ${shell} script on this host.`,
  };
}

const quoteArg = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

/** How the command reads to a person (logs, the gate, the diff between approved and run commands). */
export function commandText(spec: CommandSpec): string {
  const env = Object.entries(spec.env).map(([k, v]) => `${k}=${quoteArg(v)} `);
  const where = spec.cwd === '.' ? '' : `(in ${spec.cwd}) `;
  const body =
    spec.kind === 'exec' ? [spec.program, ...spec.args].map(quoteArg).join(' ') : `[${spec.shell}] ${spec.script}`;
  return `${where}${env.join('')}${body}`;
}

/** The program a command needs on the host: the spec's program, or a script's first word (after env assignments). */
export function launcherOf(spec: CommandSpec): string {
  if (spec.kind === 'exec') return spec.program;
  const words = spec.script.split(/\s+/).filter((w) => w && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return words[0]?.replace(/^["']|["']$/g, '') ?? '';
}

/** The argument words after the launcher (scripts are split on whitespace, good enough for evidence checks). */
export function argumentsOf(spec: CommandSpec): string[] {
  if (spec.kind === 'exec') return spec.args;
  const words = spec.script.split(/\s+/).filter((w) => w && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return words.slice(1);
}

/** The process to start for a spec: the program itself, or the named shell running the script. */
export function toInvocation(spec: CommandSpec): { file: string; args: string[] } {
  if (spec.kind === 'exec') return { file: spec.program, args: spec.args };
  switch (spec.shell) {
    case 'posix':
      return { file: 'sh', args: ['-c', spec.script] };
    case 'cmd':
      return { file: 'cmd.exe', args: ['/d', '/s', '/c', spec.script] };
    case 'powershell':
      return { file: 'pwsh', args: ['-NoProfile', '-NonInteractive', '-Command', spec.script] };
    default: {
      const never: never = spec.shell;
      throw new Error(`unknown shell ${String(never)}`);
    }
  }
}
