import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// architecture.md §2 describes an app DB plus one DB per repo; the spec README overrides that with a single
// libSQL database in the data dir (so a libSQL server can later hold a team's state). Every table lives here.

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/** Singleton profile (row id 1). `settings` is the zod-validated ProfileSettings document. */
export const profile = sqliteTable('profile', {
  id: integer('id').primaryKey(),
  settings: text('settings', { mode: 'json' }).notNull(),
  ...timestamps,
});

export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const projects = sqliteTable(
  'projects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    shortname: text('shortname').notNull(),
    folderPath: text('folder_path').notNull(),
    icon: text('icon').notNull(),
    color: text('color').notNull(),
    profileId: integer('profile_id'),
    originUrl: text('origin_url'),
    /** ProjectOverrides document; null fields inherit from the profile. */
    overrides: text('overrides', { mode: 'json' }).notNull(),
    ticketCounter: integer('ticket_counter').notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('projects_shortname_uq').on(t.shortname), uniqueIndex('projects_folder_uq').on(t.folderPath)],
);

export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    priority: integer('priority').notNull().default(3),
    status: text('status').notNull().default('DRAFT'),
    previousStatus: text('previous_status'),
    workflowRevision: integer('workflow_revision').notNull().default(0),
    visitedStatuses: text('visited_statuses', { mode: 'json' }).notNull(),
    branchName: text('branch_name'),
    baseBranch: text('base_branch'),
    worktreePath: text('worktree_path'),
    /** LockedSettings document written once at Start (workflow.md §1.2). */
    lockedSettings: text('locked_settings', { mode: 'json' }),
    manualQaOverride: integer('manual_qa_override', { mode: 'boolean' }),
    gitHookPolicy: text('git_hook_policy'),
    currentBead: integer('current_bead'),
    totalBeads: integer('total_beads'),
    percentComplete: real('percent_complete'),
    errorMessage: text('error_message'),
    errorCodes: text('error_codes', { mode: 'json' }),
    startedAt: text('started_at'),
    completedAt: text('completed_at'),
    ...timestamps,
  },
  (t) => [uniqueIndex('tickets_external_uq').on(t.externalId), index('tickets_project_idx').on(t.projectId)],
);

export const ticketStatusHistory = sqliteTable(
  'ticket_status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    event: text('event').notNull(),
    reason: text('reason'),
    workflowRevision: integer('workflow_revision').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('status_history_ticket_idx').on(t.ticketId)],
);

export const ticketErrorOccurrences = sqliteTable(
  'ticket_error_occurrences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    occurrenceNumber: integer('occurrence_number').notNull(),
    blockedFromStatus: text('blocked_from_status').notNull(),
    errorMessage: text('error_message').notNull(),
    errorCodes: text('error_codes', { mode: 'json' }).notNull(),
    diagnostics: text('diagnostics', { mode: 'json' }),
    occurredAt: text('occurred_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolutionStatus: text('resolution_status'),
    resumedToStatus: text('resumed_to_status'),
  },
  (t) => [uniqueIndex('error_occurrence_uq').on(t.ticketId, t.occurrenceNumber)],
);

export const phaseAttempts = sqliteTable(
  'phase_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    phase: text('phase').notNull(),
    attemptNumber: integer('attempt_number').notNull(),
    state: text('state').notNull(),
    archivedReason: text('archived_reason'),
    createdAt: text('created_at').notNull(),
    archivedAt: text('archived_at'),
  },
  (t) => [uniqueIndex('phase_attempt_uq').on(t.ticketId, t.phase, t.attemptNumber)],
);

export const artifacts = sqliteTable(
  'artifacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    phase: text('phase').notNull(),
    phaseAttempt: integer('phase_attempt').notNull().default(1),
    artifactType: text('artifact_type').notNull(),
    content: text('content').notNull(),
    contentSha256: text('content_sha256').notNull(),
    filePath: text('file_path'),
    ...timestamps,
  },
  (t) => [index('artifacts_ticket_idx').on(t.ticketId, t.phase, t.artifactType)],
);

export const uiState = sqliteTable(
  'ui_state',
  {
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    revision: integer('revision').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.scope] })],
);

/**
 * Every persisted stream event. The autoincrement id is the SSE event id, so ids stay monotonic across
 * restarts and replay after Last-Event-ID works from durable storage (architecture.md open point 12 decided).
 */
export const streamEvents = sqliteTable(
  'stream_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketRef: text('ticket_ref'),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('stream_events_ticket_idx').on(t.ticketRef, t.id)],
);

export const opencodeSessions = sqliteTable(
  'opencode_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: text('session_id').notNull(),
    ticketId: integer('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    phase: text('phase').notNull(),
    phaseAttempt: integer('phase_attempt').notNull().default(1),
    memberId: text('member_id'),
    beadId: text('bead_id'),
    iteration: integer('iteration'),
    step: text('step'),
    directory: text('directory').notNull(),
    state: text('state').notNull(),
    lastEventAt: text('last_event_at'),
    ...timestamps,
  },
  (t) => [
    index('opencode_sessions_sid_idx').on(t.sessionId),
    index('opencode_sessions_slot_idx').on(t.ticketId, t.phase, t.state),
  ],
);

export const opencodeQuestions = sqliteTable(
  'opencode_questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').notNull(),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    sessionId: text('session_id').notNull(),
    phase: text('phase').notNull(),
    questions: text('questions', { mode: 'json' }).notNull(),
    state: text('state').notNull(),
    answers: text('answers', { mode: 'json' }),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [uniqueIndex('opencode_questions_request_uq').on(t.requestId)],
);

/** One row per completed assistant message: tokens and cost, for context measurement and cost budgets. */
export const aiTurnMetrics = sqliteTable(
  'ai_turn_metrics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    phase: text('phase').notNull(),
    phaseAttempt: integer('phase_attempt').notNull().default(1),
    sessionId: text('session_id').notNull(),
    messageId: text('message_id').notNull(),
    modelId: text('model_id').notNull(),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    reasoningTokens: integer('reasoning_tokens'),
    cacheReadTokens: integer('cache_read_tokens'),
    cacheWriteTokens: integer('cache_write_tokens'),
    costUsd: real('cost_usd'),
    promptChars: integer('prompt_chars'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('ai_turn_message_uq').on(t.sessionId, t.messageId)],
);

export const beadExecutionMetrics = sqliteTable(
  'bead_execution_metrics',
  {
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    beadId: text('bead_id').notNull(),
    iterations: integer('iterations').notNull(),
    activeDurationMs: integer('active_duration_ms').notNull(),
    wallClockMs: integer('wall_clock_ms').notNull(),
    completedAt: text('completed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.beadId] })],
);

/**
 * One counter per cached read, bumped by SQLite triggers (migration 0001) on every insert, update and delete of its
 * table, from any writer, connection or process: `tickets` lets GET /api/tickets reuse its last answer.
 */
export const changeCounters = sqliteTable('change_counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});
