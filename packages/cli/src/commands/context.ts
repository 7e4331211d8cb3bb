import type { Client } from '../client.ts';
import type { Output } from '../output.ts';

/** What every command receives: parsed flags, positionals, the typed client and the output mode. */
export interface CommandContext {
  url: string;
  client: Client;
  out: Output;
  args: string[];
  flags: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function requireFlag(ctx: CommandContext, name: string): string {
  const value = ctx.flags[name];
  if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required`);
  return value;
}

export function requireArg(ctx: CommandContext, index: number, what: string): string {
  const value = ctx.args[index];
  if (!value) throw new UsageError(`${what} is required`);
  return value;
}

export function intFlag(ctx: CommandContext, name: string): number | undefined {
  const value = ctx.flags[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number`);
  return n;
}
