import { z } from 'zod';

// workflow.md §3: the 34 statuses in canonical order, as data. Everything about a status (label, group, kanban
// column, gate, band, ui view) is read from here: the machine, the runner, /api/workflow/meta and the web app.

export const STATUSES = [
  'DRAFT',
  'SCANNING_RELEVANT_FILES',
  'COUNCIL_DELIBERATING',
  'COUNCIL_VOTING_INTERVIEW',
  'COMPILING_INTERVIEW',
  'WAITING_INTERVIEW_ANSWERS',
  'VERIFYING_INTERVIEW_COVERAGE',
  'WAITING_INTERVIEW_APPROVAL',
  'DRAFTING_PRD',
  'COUNCIL_VOTING_PRD',
  'REFINING_PRD',
  'VERIFYING_PRD_COVERAGE',
  'WAITING_PRD_APPROVAL',
  'DRAFTING_BEADS',
  'COUNCIL_VOTING_BEADS',
  'REFINING_BEADS',
  'VERIFYING_BEADS_COVERAGE',
  'EXPANDING_BEADS',
  'WAITING_BEADS_APPROVAL',
  'PRE_FLIGHT_CHECK',
  'GENERATING_EXECUTION_SETUP_PLAN',
  'WAITING_EXECUTION_SETUP_APPROVAL',
  'PREPARING_EXECUTION_ENV',
  'CODING',
  'RUNNING_FINAL_TEST',
  'GENERATING_QA_CHECKLIST',
  'WAITING_MANUAL_QA',
  'INTEGRATING_CHANGES',
  'CREATING_PULL_REQUEST',
  'WAITING_PR_REVIEW',
  'CLEANING_ENV',
  'COMPLETED',
  'CANCELED',
  'BLOCKED_ERROR',
] as const;

export const TicketStatus = z.enum(STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const STATUS_GROUPS = [
  'todo',
  'discovery',
  'interview',
  'prd',
  'beads',
  'pre_implementation',
  'implementation',
  'post_implementation',
  'done',
  'errors',
] as const;
export const StatusGroup = z.enum(STATUS_GROUPS);
export type StatusGroup = z.infer<typeof StatusGroup>;

export const GROUP_LABELS: Record<StatusGroup, string> = {
  todo: 'To Do',
  discovery: 'Discovery',
  interview: 'Interview',
  prd: 'Specs (PRD)',
  beads: 'Blueprint (Beads)',
  pre_implementation: 'Pre-Implementation',
  implementation: 'Implementation',
  post_implementation: 'Post-Implementation',
  done: 'Done',
  errors: 'Errors',
};

export const KanbanPhase = z.enum(['todo', 'needs_input', 'in_progress', 'done']);
export type KanbanPhase = z.infer<typeof KanbanPhase>;

export const UiView = z.enum([
  'draft',
  'council',
  'interview_qa',
  'approval',
  'coding',
  'phase_review',
  'manual_qa',
  'done',
  'canceled',
  'error',
]);
export type UiView = z.infer<typeof UiView>;

/** `C` council (multi-model), `1` single model, `probe` deterministic checks, `none` no model work. */
export const AiKind = z.enum(['council', 'single', 'probe', 'none']);
export type AiKind = z.infer<typeof AiKind>;

export const StatusInfo = z.object({
  status: TicketStatus,
  order: z.number().int(),
  label: z.string(),
  group: StatusGroup,
  kanbanPhase: KanbanPhase,
  needsInput: z.boolean(),
  isGate: z.boolean(),
  inExecutionBand: z.boolean(),
  ai: AiKind,
  editable: z.boolean(),
  reviewArtifact: z.string().nullable(),
  progress: z.enum(['questions', 'beads']).nullable(),
  uiView: UiView,
  isTerminal: z.boolean(),
});
export type StatusInfo = z.infer<typeof StatusInfo>;

type Row = [
  label: string,
  group: StatusGroup,
  kanban: KanbanPhase,
  flags: string, // N = needs input, G = gate, B = execution band, E = editable
  ai: AiKind,
  uiView: UiView,
  reviewArtifact?: string,
  progress?: 'questions' | 'beads',
];

const rows: Record<TicketStatus, Row> = {
  DRAFT: ['Backlog', 'todo', 'todo', 'E', 'none', 'draft'],
  SCANNING_RELEVANT_FILES: ['Scanning Relevant Files', 'discovery', 'in_progress', 'E', 'single', 'council'],
  COUNCIL_DELIBERATING: ['Council Drafting Questions', 'interview', 'in_progress', 'E', 'council', 'council'],
  COUNCIL_VOTING_INTERVIEW: ['Voting on Questions', 'interview', 'in_progress', 'E', 'council', 'council'],
  COMPILING_INTERVIEW: ['Refining Interview', 'interview', 'in_progress', 'E', 'single', 'council'],
  WAITING_INTERVIEW_ANSWERS: [
    'Interviewing',
    'interview',
    'needs_input',
    'NE',
    'single',
    'interview_qa',
    undefined,
    'questions',
  ],
  VERIFYING_INTERVIEW_COVERAGE: ['Coverage Check (Interview)', 'interview', 'in_progress', 'E', 'single', 'council'],
  WAITING_INTERVIEW_APPROVAL: [
    'Approving Interview',
    'interview',
    'needs_input',
    'NGE',
    'none',
    'approval',
    'interview',
  ],
  DRAFTING_PRD: ['Council Drafting Specs', 'prd', 'in_progress', 'E', 'council', 'council'],
  COUNCIL_VOTING_PRD: ['Voting on Specs', 'prd', 'in_progress', 'E', 'council', 'council'],
  REFINING_PRD: ['Refining Specs', 'prd', 'in_progress', 'E', 'single', 'council'],
  VERIFYING_PRD_COVERAGE: ['Coverage Check (PRD)', 'prd', 'in_progress', 'E', 'single', 'council'],
  WAITING_PRD_APPROVAL: ['Approving Specs', 'prd', 'needs_input', 'NGE', 'none', 'approval', 'prd'],
  DRAFTING_BEADS: ['Council Drafting Blueprint', 'beads', 'in_progress', 'E', 'council', 'council'],
  COUNCIL_VOTING_BEADS: ['Voting on Blueprint', 'beads', 'in_progress', 'E', 'council', 'council'],
  REFINING_BEADS: ['Refining Blueprint', 'beads', 'in_progress', 'E', 'single', 'council'],
  VERIFYING_BEADS_COVERAGE: ['Coverage Check (Beads)', 'beads', 'in_progress', 'E', 'single', 'council'],
  EXPANDING_BEADS: ['Expanding Blueprint', 'beads', 'in_progress', 'E', 'single', 'council'],
  WAITING_BEADS_APPROVAL: ['Approving Blueprint', 'beads', 'needs_input', 'NGE', 'none', 'approval', 'beads'],
  PRE_FLIGHT_CHECK: ['Checking Readiness', 'pre_implementation', 'in_progress', 'BE', 'probe', 'coding'],
  GENERATING_EXECUTION_SETUP_PLAN: [
    'Drafting Workspace Setup Plan',
    'pre_implementation',
    'in_progress',
    'B',
    'single',
    'phase_review',
  ],
  WAITING_EXECUTION_SETUP_APPROVAL: [
    'Approving Workspace Setup',
    'pre_implementation',
    'needs_input',
    'NGBE',
    'none',
    'approval',
    'execution_setup_plan',
  ],
  PREPARING_EXECUTION_ENV: [
    'Preparing Workspace Runtime',
    'pre_implementation',
    'in_progress',
    'B',
    'single',
    'coding',
  ],
  CODING: ['Implementing', 'implementation', 'in_progress', 'B', 'single', 'coding', undefined, 'beads'],
  RUNNING_FINAL_TEST: ['Testing Implementation', 'post_implementation', 'in_progress', 'B', 'single', 'coding'],
  GENERATING_QA_CHECKLIST: [
    'Preparing Manual QA',
    'post_implementation',
    'in_progress',
    'B',
    'single',
    'coding',
    'manual_qa_checklist',
  ],
  WAITING_MANUAL_QA: [
    'Manual QA',
    'post_implementation',
    'needs_input',
    'NB',
    'none',
    'manual_qa',
    'manual_qa_checklist',
  ],
  INTEGRATING_CHANGES: ['Preparing Final Commit', 'post_implementation', 'in_progress', 'B', 'none', 'coding'],
  CREATING_PULL_REQUEST: ['Creating Pull Request', 'post_implementation', 'in_progress', 'B', 'single', 'coding'],
  WAITING_PR_REVIEW: ['Reviewing Pull Request', 'post_implementation', 'needs_input', 'NB', 'none', 'coding'],
  CLEANING_ENV: ['Cleaning Up', 'post_implementation', 'in_progress', 'B', 'none', 'coding'],
  COMPLETED: ['Done', 'done', 'done', '', 'none', 'done'],
  CANCELED: ['Canceled', 'done', 'done', '', 'none', 'canceled'],
  BLOCKED_ERROR: ['Error', 'errors', 'needs_input', 'N', 'none', 'error'],
};

export const TERMINAL_STATUSES: readonly TicketStatus[] = ['COMPLETED', 'CANCELED'];

export const STATUS_CATALOG: readonly StatusInfo[] = STATUSES.map((status, index) => {
  const [label, group, kanbanPhase, flags, ai, uiView, reviewArtifact, progress] = rows[status];
  return {
    status,
    order: index + 1,
    label,
    group,
    kanbanPhase,
    needsInput: flags.includes('N'),
    isGate: flags.includes('G'),
    inExecutionBand: flags.includes('B'),
    ai,
    editable: flags.includes('E'),
    reviewArtifact: reviewArtifact ?? null,
    progress: progress ?? null,
    uiView,
    isTerminal: TERMINAL_STATUSES.includes(status),
  };
});

const byStatus = new Map(STATUS_CATALOG.map((info) => [info.status, info]));

export function statusInfo(status: TicketStatus): StatusInfo {
  const info = byStatus.get(status);
  if (!info) throw new Error(`unknown status ${status}`);
  return info;
}

export const isTerminal = (status: TicketStatus) => statusInfo(status).isTerminal;

/** Statuses in which a ticket counts as "active" for project deletion (workflow.md §2). */
export const isActive = (status: TicketStatus) => status !== 'DRAFT' && !isTerminal(status);

/** The PRD and beads statuses: planning after the interview, where approved documents can still be edited (§4.8). */
export const PLANNING_STATUSES: readonly TicketStatus[] = STATUS_CATALOG.filter(
  (s) => s.group === 'prd' || s.group === 'beads',
).map((s) => s.status);
