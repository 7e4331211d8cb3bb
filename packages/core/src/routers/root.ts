import { router } from '../trpc.ts';
import { healthRouter } from './health.ts';
import { profileRouter } from './profile.ts';
import { projectsRouter } from './projects.ts';
import { ticketActionsRouter } from './ticket-actions.ts';
import { ticketsRouter } from './tickets.ts';
import { workflowRouter } from './workflow.ts';

export const appRouter = router({
  health: healthRouter,
  workflow: workflowRouter,
  profile: profileRouter,
  projects: projectsRouter,
  tickets: ticketsRouter,
  ticketActions: ticketActionsRouter,
});

export type AppRouter = typeof appRouter;
