import type { TRPCRouterRecord } from '@trpc/server';
import type { TicketStatus } from '../lifecycle/statuses.ts';
import { route } from '../trpc.ts';
import {
  ActionInput,
  ApproveInput,
  CancelInput,
  CloseUnmergedInput,
  DevEventInput,
  WorkflowActionResult,
} from '../workflow/schema.ts';

const tags = ['ticket actions'];

/** Every ticket action is a POST below the ticket (api-reference.txt "Ticket actions"). */
const action = (path: string, summary: string) => route('POST', `/tickets/{id}/${path}`, summary, { tags });

const approveAt = (path: string, gate: TicketStatus, summary: string) =>
  action(path, summary)
    .input(ApproveInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.approve(input, gate));

export const ticketActionsRouter = {
  start: action('start', 'Start a DRAFT ticket with locked profile and project settings')
    .input(ActionInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.start(input.id)),

  cancel: action('cancel', 'Cancel a ticket (optional cleanup of content and log)')
    .input(CancelInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.cancel(input)),

  retry: action('retry', 'Retry a blocked ticket: a new attempt of the failed status')
    .input(ActionInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.retry(input.id)),

  continue: action('continue', 'Continue a blocked ticket in its preserved agent session (409 when ineligible)')
    .input(ActionInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.continue(input.id)),

  approve: action('approve', 'Approve the artifact of the current approval gate')
    .input(ApproveInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.approve(input)),

  approveInterview: approveAt('approve-interview', 'WAITING_INTERVIEW_APPROVAL', 'Approve the interview'),
  approvePrd: approveAt('approve-prd', 'WAITING_PRD_APPROVAL', 'Approve the PRD'),
  approveBeads: approveAt('approve-beads', 'WAITING_BEADS_APPROVAL', 'Approve the bead plan'),
  approveExecutionSetupPlan: approveAt(
    'approve-execution-setup-plan',
    'WAITING_EXECUTION_SETUP_APPROVAL',
    'Approve the execution setup plan',
  ),

  merge: action('merge', 'Merge the delivered pull request and finish (only in WAITING_PR_REVIEW)')
    .input(ActionInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.merge(input.id)),

  verify: action('verify', 'Alias of merge')
    .input(ActionInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.merge(input.id)),

  closeUnmerged: action('close-unmerged', 'Finish without merging; the PR and branch stay as they are')
    .input(CloseUnmergedInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.closeUnmerged(input.id, input.reason)),

  devEvent: action(
    'dev-event',
    'Inject a workflow event (only with LOOPTROOP_DEV_EVENTS=1 and X-LoopTroop-Dev-Event-Token)',
  )
    .input(DevEventInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.devEvent(input)),
} satisfies TRPCRouterRecord;
