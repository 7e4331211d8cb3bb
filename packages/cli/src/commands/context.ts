import type { Client, ServerAddress } from '../client.ts';
import type { Flags } from '../flags.ts';
import type { Output } from '../output.ts';

/** What every command receives: the server's address, the typed client, the output mode, positionals and flags. */
export interface CommandContext {
  server: ServerAddress;
  client: Client;
  out: Output;
  /** Positionals after the command name (`tickets show AUTH-12` → `['show', 'AUTH-12']`). */
  args: string[];
  flags: Flags;
  /** The process environment: `start` and `demo` hand it to the server's config loader; `prd edit` reads $EDITOR. */
  env: Record<string, string | undefined>;
}

export type Command = (ctx: CommandContext) => Promise<number>;

/** A mistake in how the command was called: exit code 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command was called correctly but cannot do its job now (a ticket in the wrong state): exit code 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export function requireFlag(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

export function requireArg(ctx: CommandContext, index: number, what: string): string {
  const value = ctx.args[index];
  if (!value) throw new UsageError(`${what} is required`);
  return value;
}

export function parseIntFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number`);
  return n;
}
