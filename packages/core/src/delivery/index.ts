// The delivery folder's surface: providers behind the Delivery port (GitHub, plain git, none), pre-flight's
// readiness facts, the delivery phases (§10.9, §10.10, §10.12), review watching (§10.11) and the worktree sweep.
export { createCleanupPhase } from './cleanup-phase.ts';
export { DeliveryError, type DeliveryErrorCode, isDeliveryError } from './delivery-error.ts';
export { createPullRequestAi, type DeliveryModel, lockedModel, type PullRequestAi } from './delivery-model.ts';
export { type GithubSettings, type GithubTarget, githubTargetOf } from './github-target.ts';
export { changedPathsSince } from './integration.ts';
export { createIntegrationPhase } from './integration-phase.ts';
export { type WatchOptions, watchForHandMerge } from './merge-watch.ts';
export { DELIVERY_ARTIFACTS, type DeliveryPhaseContext, type DeliveryPhaseDeps } from './phase-context.ts';
export { withDeliveryCodes } from './phase-failure.ts';
export { type Delivery, DeliveryReceipt, MergeReport } from './port.ts';
export {
  type DeliveryProvider,
  DeliveryProviderKind,
  type DeliveryTarget,
  MergeAvailability,
  type MergeResult,
  type PullRequestContent,
  PullRequestRecord,
  PullRequestState,
  type VerifyResult,
} from './provider.ts';
export { createPullRequestPhase, type PullRequestReport, publishedCandidate } from './pull-request-phase.ts';
export {
  createPullRequestViews,
  PullRequestDecision,
  PullRequestFileAudit,
  PullRequestView,
  type PullRequestViews,
} from './pull-request-view.ts';
export { checkDeliveryReadiness, type DeliveryReadiness, type ReadinessInput } from './readiness.ts';
export { followReviews } from './review-follow.ts';
export { createReviewWatcher, type ReviewWatcher } from './review-watcher.ts';
export { DELIVERY_REMOTE, originUrlOf, type SelectProviderInput, selectDeliveryProvider } from './select-provider.ts';
export { createTicketDelivery, type TicketDeliveryReceipt } from './ticket-delivery.ts';
export { removeFinishedWorktrees, WorktreeSweep } from './worktree-sweep.ts';
