import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  CheckGitResult,
  DeleteProjectResult,
  FolderListing,
  Project,
  ProjectCreateInput,
  ProjectId,
  ProjectPatchInput,
} from '../projects/schema.ts';
import { publicProcedure } from '../trpc.ts';

const tags = ['projects'];
const IdInput = z.object({ id: ProjectId });

export const projectsRouter = {
  checkGit: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/projects/check-git',
        protect: false,
        tags,
        summary: 'Is the folder in a git repository, and what is its origin',
      },
    })
    .input(z.object({ path: z.string().optional() }))
    .output(CheckGitResult)
    .query(({ ctx, input }) => ctx.services.projects.checkGit(input.path)),

  ls: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/projects/ls',
        protect: false,
        tags,
        summary: 'List the sub-folders of a folder',
      },
    })
    .input(z.object({ path: z.string().optional(), showHidden: z.enum(['true', 'false']).optional() }))
    .output(FolderListing)
    .query(({ ctx, input }) => ctx.services.projects.listFolders(input.path, input.showHidden === 'true')),

  list: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/projects', protect: false, tags, summary: 'List attached projects' } })
    .input(z.void())
    .output(z.array(Project))
    .query(({ ctx }) => ctx.services.projects.list()),

  get: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/projects/{id}', protect: false, tags, summary: 'Get one project' } })
    .input(IdInput)
    .output(Project)
    .query(({ ctx, input }) => ctx.services.projects.get(input.id)),

  create: publicProcedure
    .meta({
      openapi: { method: 'POST', path: '/projects', protect: false, tags, summary: 'Attach a git repository' },
      successStatus: 201,
    })
    .input(ProjectCreateInput)
    .output(Project)
    .mutation(({ ctx, input }) => ctx.services.projects.attach(input)),

  update: publicProcedure
    .meta({
      openapi: { method: 'PATCH', path: '/projects/{id}', protect: false, tags, summary: 'Update project settings' },
    })
    .input(ProjectPatchInput)
    .output(Project)
    .mutation(({ ctx, input }) => ctx.services.projects.update(input)),

  delete: publicProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/projects/{id}',
        protect: false,
        tags,
        summary: 'Detach a project (refused while a ticket is active)',
      },
    })
    .input(IdInput)
    .output(DeleteProjectResult)
    .mutation(({ ctx, input }) => ctx.services.projects.remove(input.id)),
} satisfies TRPCRouterRecord;
