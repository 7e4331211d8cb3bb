export type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
export { ArtifactType, type ArtifactTypeName } from './artifacts/artifact-type.ts';
// The ports tests swap (testkit's fakes implement them).
export type { Artifact } from './artifacts/schema.ts';
export type { WriteOptions } from './artifacts/service.ts';
export { readPlan, writePlan } from './beads/plan-store.ts';
export type { Bead, BeadIssue, BeadsView, BlueprintBead } from './beads/schema.ts';
export { type Config, type ConfigFlags, loadConfig } from './config.ts';
export { type Core, createContext, createCore, type Deps, type Services } from './context.ts';
export { AppError, type ErrorKind, errorKindMapping } from './errors.ts';
export type { EventBus } from './events/bus.ts';
export * from './events/schema.ts';
export type { FinalTestReportDoc } from './final-test/final-test-phase.ts';
export { STATUS_CATALOG, type StatusInfo, type TicketStatus } from './lifecycle/statuses.ts';
export type { AgentRuntime } from './opencode/client.ts';
export { PromptFailure } from './opencode/prompt-error.ts';
export { findOpencodeBinary, type ManagedOpencode, startOpencode as startOpencodeServer } from './opencode/server.ts';
export type { PromptOutcome, PromptRun } from './opencode/service.ts';
export type { CouncilSummary, CoverageSummary, PlanningReview } from './planning/schema.ts';
export type { PrdDocument, PrdEpic, PrdStory } from './prd/schema.ts';
export { type AppRouter, appRouter } from './routers/root.ts';
export type { TicketRow } from './tickets/store.ts';
export { type ErrorBody, type TrpcContext, toErrorBody } from './trpc.ts';

import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './routers/root.ts';
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
