import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  Profile,
  ProfileCreateInput,
  ProfileDefaults,
  ProfilePatchInput,
  TUNABLE_DEFAULTS,
} from '../profile/schema.ts';
import { route } from '../trpc.ts';

const tags = ['profile'];

export const profileRouter = {
  get: route('GET', '/profile', 'The singleton profile or null', { tags })
    .input(z.void())
    .output(Profile.nullable())
    .query(({ ctx }) => ctx.services.profile.get()),

  create: route('POST', '/profile', 'Create the singleton profile', { tags, successStatus: 201 })
    .input(ProfileCreateInput)
    .output(Profile)
    .mutation(({ ctx, input }) => ctx.services.profile.create(input)),

  update: route('PATCH', '/profile', 'Update the profile', { tags })
    .input(ProfilePatchInput)
    .output(Profile)
    .mutation(({ ctx, input }) => ctx.services.profile.update(input)),

  defaults: route('GET', '/profile/defaults', 'Default value of every setting', { tags })
    .input(z.void())
    .output(ProfileDefaults)
    .query(() => ({ defaults: TUNABLE_DEFAULTS })),
} satisfies TRPCRouterRecord;
