import { table } from '../output.ts';
import { type CommandContext, requireArg, requireFlag, UsageError } from './context.ts';

export async function projects(ctx: CommandContext): Promise<number> {
  const [verb] = ctx.args;
  switch (verb) {
    case 'list':
    case undefined: {
      const list = await ctx.client.projects.list.query();
      ctx.out.print(list, () => table(list, ['id', 'shortname', 'name', 'folderPath', 'remoteKind', 'ticketCount']));
      return 0;
    }
    case 'attach': {
      const project = await ctx.client.projects.create.mutate({
        name: requireFlag(ctx, 'name'),
        shortname: requireFlag(ctx, 'shortname'),
        folderPath: requireFlag(ctx, 'path'),
      });
      ctx.out.print(
        project,
        () => `Attached ${project.name} (${project.shortname}) as project ${project.id}: ${project.folderPath}`,
      );
      return 0;
    }
    case 'rm': {
      const id = Number(requireArg(ctx, 1, 'project id'));
      if (!Number.isInteger(id)) throw new UsageError('project id must be a number');
      const result = await ctx.client.projects.delete.mutate({ id });
      ctx.out.print(result, () => `Detached project ${id} (${result.projectRoot})`);
      return 0;
    }
    default:
      throw new UsageError(`unknown projects command "${verb}"`);
  }
}
