CREATE TABLE `ai_turn_metrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer,
	`phase` text NOT NULL,
	`phase_attempt` integer DEFAULT 1 NOT NULL,
	`session_id` text NOT NULL,
	`message_id` text NOT NULL,
	`model_id` text NOT NULL,
	`input_tokens` integer,
	`output_tokens` integer,
	`reasoning_tokens` integer,
	`cache_read_tokens` integer,
	`cache_write_tokens` integer,
	`cost_usd` real,
	`prompt_chars` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ai_turn_message_uq` ON `ai_turn_metrics` (`session_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `app_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `artifacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`phase` text NOT NULL,
	`phase_attempt` integer DEFAULT 1 NOT NULL,
	`artifact_type` text NOT NULL,
	`content` text NOT NULL,
	`content_sha256` text NOT NULL,
	`file_path` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `artifacts_ticket_idx` ON `artifacts` (`ticket_id`,`phase`,`artifact_type`);--> statement-breakpoint
CREATE TABLE `bead_execution_metrics` (
	`ticket_id` integer NOT NULL,
	`bead_id` text NOT NULL,
	`iterations` integer NOT NULL,
	`active_duration_ms` integer NOT NULL,
	`wall_clock_ms` integer NOT NULL,
	`completed_at` text NOT NULL,
	PRIMARY KEY(`ticket_id`, `bead_id`),
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `opencode_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`ticket_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`phase` text NOT NULL,
	`questions` text NOT NULL,
	`state` text NOT NULL,
	`answers` text,
	`created_at` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opencode_questions_request_uq` ON `opencode_questions` (`request_id`);--> statement-breakpoint
CREATE TABLE `opencode_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text NOT NULL,
	`ticket_id` integer,
	`phase` text NOT NULL,
	`phase_attempt` integer DEFAULT 1 NOT NULL,
	`member_id` text,
	`bead_id` text,
	`iteration` integer,
	`step` text,
	`directory` text NOT NULL,
	`state` text NOT NULL,
	`last_event_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `opencode_sessions_sid_idx` ON `opencode_sessions` (`session_id`);--> statement-breakpoint
CREATE INDEX `opencode_sessions_slot_idx` ON `opencode_sessions` (`ticket_id`,`phase`,`state`);--> statement-breakpoint
CREATE TABLE `phase_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`phase` text NOT NULL,
	`attempt_number` integer NOT NULL,
	`state` text NOT NULL,
	`archived_reason` text,
	`created_at` text NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `phase_attempt_uq` ON `phase_attempts` (`ticket_id`,`phase`,`attempt_number`);--> statement-breakpoint
CREATE TABLE `profile` (
	`id` integer PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`shortname` text NOT NULL,
	`folder_path` text NOT NULL,
	`icon` text NOT NULL,
	`color` text NOT NULL,
	`profile_id` integer,
	`origin_url` text,
	`overrides` text NOT NULL,
	`ticket_counter` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_shortname_uq` ON `projects` (`shortname`);--> statement-breakpoint
CREATE UNIQUE INDEX `projects_folder_uq` ON `projects` (`folder_path`);--> statement-breakpoint
CREATE TABLE `stream_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_ref` text,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stream_events_ticket_idx` ON `stream_events` (`ticket_ref`,`id`);--> statement-breakpoint
CREATE TABLE `ticket_error_occurrences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`occurrence_number` integer NOT NULL,
	`blocked_from_status` text NOT NULL,
	`error_message` text NOT NULL,
	`error_codes` text NOT NULL,
	`diagnostics` text,
	`occurred_at` text NOT NULL,
	`resolved_at` text,
	`resolution_status` text,
	`resumed_to_status` text,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `error_occurrence_uq` ON `ticket_error_occurrences` (`ticket_id`,`occurrence_number`);--> statement-breakpoint
CREATE TABLE `ticket_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`event` text NOT NULL,
	`reason` text,
	`workflow_revision` integer NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `status_history_ticket_idx` ON `ticket_status_history` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`external_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`priority` integer DEFAULT 3 NOT NULL,
	`status` text DEFAULT 'DRAFT' NOT NULL,
	`previous_status` text,
	`workflow_revision` integer DEFAULT 0 NOT NULL,
	`visited_statuses` text NOT NULL,
	`branch_name` text,
	`base_branch` text,
	`worktree_path` text,
	`locked_settings` text,
	`manual_qa_override` integer,
	`git_hook_policy` text,
	`current_bead` integer,
	`total_beads` integer,
	`percent_complete` real,
	`error_message` text,
	`error_codes` text,
	`started_at` text,
	`completed_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_external_uq` ON `tickets` (`external_id`);--> statement-breakpoint
CREATE INDEX `tickets_project_idx` ON `tickets` (`project_id`);--> statement-breakpoint
CREATE TABLE `ui_state` (
	`ticket_id` integer NOT NULL,
	`scope` text NOT NULL,
	`data` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`ticket_id`, `scope`),
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
