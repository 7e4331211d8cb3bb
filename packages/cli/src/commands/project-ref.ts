import type { CommandContext } from './context.ts';
import { UsageError } from './context.ts';

/** A project named on the command line by its numeric id or its shortname (`AUTH`, any case). */
export async function resolveProjectId(ctx: CommandContext, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const projects = await ctx.client.projects.list.query();
  const match = projects.find((project) => project.shortname.toLowerCase() === ref.toLowerCase());
  if (!match) throw new UsageError(`no project with id or shortname "${ref}"`);
  return match.id;
}
