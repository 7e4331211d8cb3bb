import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  Profile,
  ProfileCreateInput,
  ProfileDefaults,
  ProfilePatchInput,
  TUNABLE_DEFAULTS,
} from '../profile/schema.ts';
import { publicProcedure } from '../trpc.ts';

const tags = ['profile'];

export const profileRouter = {
  get: publicProcedure
    .meta({
      openapi: { method: 'GET', path: '/profile', protect: false, tags, summary: 'The singleton profile or null' },
    })
    .input(z.void())
    .output(Profile.nullable())
    .query(({ ctx }) => ctx.services.profile.get()),

  create: publicProcedure
    .meta({
      openapi: { method: 'POST', path: '/profile', protect: false, tags, summary: 'Create the singleton profile' },
      successStatus: 201,
    })
    .input(ProfileCreateInput)
    .output(Profile)
    .mutation(({ ctx, input }) => ctx.services.profile.create(input)),

  update: publicProcedure
    .meta({ openapi: { method: 'PATCH', path: '/profile', protect: false, tags, summary: 'Update the profile' } })
    .input(ProfilePatchInput)
    .output(Profile)
    .mutation(({ ctx, input }) => ctx.services.profile.update(input)),

  defaults: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/profile/defaults',
        protect: false,
        tags,
        summary: 'Default value of every setting',
      },
    })
    .input(z.void())
    .output(ProfileDefaults)
    .query(() => ({ defaults: TUNABLE_DEFAULTS })),
} satisfies TRPCRouterRecord;
