export type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
export { ArtifactType, type ArtifactTypeName } from './artifacts/artifact-type.ts';
export type { Bead, BeadIssue, BeadsView, BlueprintBead } from './beads/schema.ts';
export { type Config, type ConfigFlags, loadConfig } from './config.ts';
export { type Core, createContext, createCore, type Deps, type Services } from './context.ts';
export { AppError, type ErrorKind, errorKindMapping } from './errors.ts';
export type { EventBus } from './events/bus.ts';
export * from './events/schema.ts';
export { STATUS_CATALOG, type StatusInfo, type TicketStatus } from './lifecycle/statuses.ts';
export { findOpencodeBinary, type ManagedOpencode, startOpencode as startOpencodeServer } from './opencode/server.ts';
export type { CouncilSummary, CoverageSummary, PlanningReview } from './planning/schema.ts';
export type { PrdDocument, PrdEpic, PrdStory } from './prd/schema.ts';
export { type AppRouter, appRouter } from './routers/root.ts';
export { type ErrorBody, type TrpcContext, toErrorBody } from './trpc.ts';

import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './routers/root.ts';
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
