import { table } from '../output.ts';
import { type Command, requireArg, requireFlag, UsageError } from './context.ts';
import { resolveProjectId } from './project-ref.ts';

/** `projects list | attach --name N --shortname S --path P | rm ID|SHORTNAME`. */
export const projects: Command = async (ctx) => {
  const [verb] = ctx.args;
  const { client, out, flags } = ctx;
  switch (verb) {
    case 'list':
    case undefined: {
      const list = await client.projects.list.query();
      out.print(list, () => table(list, ['id', 'shortname', 'name', 'folderPath', 'remoteKind', 'ticketCount']));
      return 0;
    }
    case 'attach': {
      const project = await client.projects.create.mutate({
        name: requireFlag(flags.name, 'name'),
        shortname: requireFlag(flags.shortname, 'shortname'),
        folderPath: requireFlag(flags.path, 'path'),
      });
      out.print(
        project,
        () => `Attached ${project.name} (${project.shortname}) as project ${project.id}: ${project.folderPath}`,
      );
      return 0;
    }
    case 'rm': {
      const id = await resolveProjectId(ctx, requireArg(ctx, 1, 'project id or shortname'));
      const result = await client.projects.delete.mutate({ id });
      out.print(result, () => `Detached project ${id} (${result.projectRoot})`);
      return 0;
    }
    default:
      throw new UsageError(`unknown projects command "${verb}" (list, attach, rm)`);
  }
};
