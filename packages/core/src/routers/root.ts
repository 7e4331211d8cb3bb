import { router } from '../trpc.ts';
import { artifactsRouter } from './artifacts.ts';
import { diffsRouter } from './diffs.ts';
import { executionSetupRouter } from './execution-setup.ts';
import { filesRouter } from './files.ts';
import { healthRouter } from './health.ts';
import { interviewRouter } from './interview.ts';
import { modelsRouter } from './models.ts';
import { opencodeQuestionsRouter } from './opencode-questions.ts';
import { beadsRouter, planningRouter } from './planning.ts';
import { profileRouter } from './profile.ts';
import { progressRouter } from './progress.ts';
import { projectsRouter } from './projects.ts';
import { pullRequestRouter } from './pull-request.ts';
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
  pullRequest: pullRequestRouter,
  artifacts: artifactsRouter,
  files: filesRouter,
  models: modelsRouter,
  opencodeQuestions: opencodeQuestionsRouter,
  interview: interviewRouter,
  planning: planningRouter,
  beads: beadsRouter,
  diffs: diffsRouter,
  progress: progressRouter,
  executionSetup: executionSetupRouter,
});

export type AppRouter = typeof appRouter;
