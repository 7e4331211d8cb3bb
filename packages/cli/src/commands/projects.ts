import type { RouterOutputs } from '@looptroop/core';
import { table } from '../output.ts';
import { type Command, requireArg, requireFlag, UsageError } from './context.ts';
import { resolveProjectId } from './project-ref.ts';

type WorktreeSweep = RouterOutputs['projects']['deleteWorktrees'];

export function describeSweep(sweep: WorktreeSweep): string {
  if (sweep.removed.length === 0 && sweep.failed.length === 0) return 'No finished ticket has a worktree left.';
  return [
    ...sweep.removed.map((r) => `Removed ${r.ticketId}: ${r.path}`),
    ...sweep.failed.map((f) => `Could not remove ${f.ticketId} (${f.path}): ${f.error}`),
  ].join('\n');
}

/** `projects list | attach --name N --shortname S --path P | rm ID|SHORTNAME | delete-worktrees ID|SHORTNAME`. */
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
    case 'delete-worktrees': {
      // workflow.md §10.12: the worktrees of COMPLETED and CANCELED tickets; working tickets and branches stay.
      const id = await resolveProjectId(ctx, requireArg(ctx, 1, 'project id or shortname'));
      const sweep = await client.projects.deleteWorktrees.mutate({ id });
      out.print(sweep, () => describeSweep(sweep));
      return sweep.failed.length > 0 ? 1 : 0;
    }
    default:
      throw new UsageError(`unknown projects command "${verb}" (list, attach, rm, delete-worktrees)`);
  }
};
