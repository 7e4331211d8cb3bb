import type { TRPCRouterRecord } from '@trpc/server';
import {
  EditSetupPlanInput,
  RegenerateInput,
  SetupPlanActionResult,
  SetupPlanPutInput,
  SetupPlanQuery,
  SetupPlanView,
} from '../execution/setup-plan-api.ts';
import { publicProcedure } from '../trpc.ts';

const route = (method: 'GET' | 'PUT' | 'POST', path: string, summary: string) =>
  publicProcedure.meta({
    openapi: { method, path: `/tickets/{id}/${path}`, protect: false, tags: ['execution setup'], summary },
  });

export const executionSetupRouter = {
  get: route('GET', 'execution-setup-plan', 'Read the current setup plan (optional ?phaseAttempt= for older versions)')
    .input(SetupPlanQuery)
    .output(SetupPlanView)
    .query(({ ctx, input }) => ctx.services.setupPlan.view(input.id, input.phaseAttempt)),

  put: route('PUT', 'execution-setup-plan', 'Save the setup plan as raw content or a structured plan')
    .input(SetupPlanPutInput)
    .output(SetupPlanActionResult)
    .mutation(({ ctx, input }) => ctx.services.setupPlan.save(input)),

  regenerate: route('POST', 'regenerate-execution-setup-plan', 'Regenerate the plan with commentary (a new version)')
    .input(RegenerateInput)
    .output(SetupPlanActionResult)
    .mutation(({ ctx, input }) => ctx.services.setupPlan.regenerate(input)),

  edit: route(
    'POST',
    'edit-execution-setup-plan',
    'Edit setup plan… of a blocked workspace setup: back to the plan gate',
  )
    .input(EditSetupPlanInput)
    .output(SetupPlanActionResult)
    .mutation(({ ctx, input }) => ctx.services.setupPlan.editFromBlocked(input.id)),
} satisfies TRPCRouterRecord;
