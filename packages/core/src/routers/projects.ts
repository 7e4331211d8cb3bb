import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { WorktreeSweep } from '../delivery/worktree-sweep.ts';
import {
  CheckGitResult,
  DeleteProjectResult,
  FolderListing,
  Project,
  ProjectCreateInput,
  ProjectId,
  ProjectPatchInput,
} from '../projects/schema.ts';
import { route } from '../trpc.ts';

const tags = ['projects'];
const IdInput = z.object({ id: ProjectId });

export const projectsRouter = {
  checkGit: route('GET', '/projects/check-git', 'Is the folder in a git repository, and what is its origin', { tags })
    .input(z.object({ path: z.string().optional() }))
    .output(CheckGitResult)
    .query(({ ctx, input }) => ctx.services.projects.checkGit(input.path)),

  ls: route('GET', '/projects/ls', 'List the sub-folders of a folder', { tags })
    .input(z.object({ path: z.string().optional(), showHidden: z.enum(['true', 'false']).optional() }))
    .output(FolderListing)
    .query(({ ctx, input }) => ctx.services.projects.listFolders(input.path, input.showHidden === 'true')),

  list: route('GET', '/projects', 'List attached projects', { tags })
    .input(z.void())
    .output(z.array(Project))
    .query(({ ctx }) => ctx.services.projects.list()),

  get: route('GET', '/projects/{id}', 'Get one project', { tags })
    .input(IdInput)
    .output(Project)
    .query(({ ctx, input }) => ctx.services.projects.get(input.id)),

  create: route('POST', '/projects', 'Attach a git repository', { tags, successStatus: 201 })
    .input(ProjectCreateInput)
    .output(Project)
    .mutation(({ ctx, input }) => ctx.services.projects.attach(input)),

  update: route('PATCH', '/projects/{id}', 'Update project settings', { tags })
    .input(ProjectPatchInput)
    .output(Project)
    .mutation(({ ctx, input }) => ctx.services.projects.update(input)),

  deleteWorktrees: route(
    'POST',
    '/projects/{id}/delete-worktrees',
    'Delete the worktrees of the COMPLETED and CANCELED tickets (read-only caches made writable first; branches stay)',
    { tags },
  )
    .input(IdInput)
    .output(WorktreeSweep)
    .mutation(({ ctx, input }) => ctx.services.worktrees.sweep(input.id)),

  delete: route('DELETE', '/projects/{id}', 'Detach a project (refused while a ticket is active)', { tags })
    .input(IdInput)
    .output(DeleteProjectResult)
    .mutation(({ ctx, input }) => ctx.services.projects.remove(input.id)),
} satisfies TRPCRouterRecord;
