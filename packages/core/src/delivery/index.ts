export { DeliveryError, type DeliveryErrorCode, isDeliveryError } from './delivery-error.ts';
export { type GithubSettings, type GithubTarget, githubTargetOf } from './github-target.ts';
export { type WatchOptions, watchForHandMerge } from './merge-watch.ts';
export {
  type DeliveryProvider,
  DeliveryProviderKind,
  type DeliveryTarget,
  type MergeResult,
  type PullRequestContent,
  PullRequestRecord,
  PullRequestState,
  type VerifyResult,
} from './provider.ts';
export { checkDeliveryReadiness, type DeliveryReadiness, type ReadinessInput } from './readiness.ts';
export { DELIVERY_REMOTE, type SelectProviderInput, selectDeliveryProvider } from './select-provider.ts';
