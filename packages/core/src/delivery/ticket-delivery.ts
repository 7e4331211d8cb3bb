import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { TicketRow } from '../tickets/store.ts';
import { isDeliveryError } from './delivery-error.ts';
import type { GithubSettings } from './github-target.ts';
import type { Delivery, DeliveryReceipt } from './port.ts';
import {
  type DeliveryProvider,
  type DeliveryTarget,
  MERGE_AVAILABLE,
  type MergeAvailability,
  type MergeResult,
  type PullRequestContent,
  type PullRequestRecord,
} from './provider.ts';
import { selectDeliveryProvider } from './select-provider.ts';

// The bridge from a ticket to its delivery provider: the workflow speaks tickets, providers speak branches and
// commits. Everything a provider needs comes from the ticket row (worktree, branches, hook policy), its project
// (root, origin) and the candidate the pull request was published with.

export interface TicketDeliveryDeps {
  settings: GithubSettings;
  clock: Clock;
  env?: Record<string, string | undefined>;
  /** The ticket's project: its repository root and origin URL (null without a remote). */
  projectOf(ticket: TicketRow): Promise<{ folderPath: string; originUrl: string | null }>;
  /** The candidate commit under review: the `pull_request_report` head (§10.10 step 4), never a later local commit. */
  candidateOf(ticket: TicketRow): Promise<string>;
}

/** What merge and close-unmerged report (copied into `merge_report`). */
export type TicketDeliveryReceipt = DeliveryReceipt;

/** workflow.md §1.2: the hook policy Start locked (ticket → project → profile); the ticket's own override before Start. */
const LockedHookPolicy = z.object({ gitHookPolicy: z.string() });
export function hookPolicyOf(ticket: TicketRow): string | null {
  const locked = LockedHookPolicy.safeParse(ticket.lockedSettings);
  return locked.success ? locked.data.gitHookPolicy : ticket.gitHookPolicy;
}

export function targetOf(ticket: TicketRow, candidateSha: string, repoRoot: string): DeliveryTarget {
  return {
    repoDir: ticket.worktreePath ?? repoRoot,
    headBranch: ticket.branchName ?? ticket.externalId,
    baseBranch: ticket.baseBranch ?? 'main',
    candidateSha,
    // workflow.md §10.13: only `use_native_hooks` lets the repository's hooks run in LoopTroop's git operations.
    runNativeHooks: hookPolicyOf(ticket) === 'use_native_hooks',
  };
}

export function createTicketDelivery(deps: TicketDeliveryDeps): Delivery {
  async function resolve(
    ticket: TicketRow,
    candidateSha?: string,
  ): Promise<{ provider: DeliveryProvider; target: DeliveryTarget }> {
    const project = await deps.projectOf(ticket);
    const provider = await selectDeliveryProvider({
      repoRoot: project.folderPath,
      originUrl: project.originUrl,
      settings: deps.settings,
      clock: deps.clock,
      env: deps.env,
    });
    const candidate = candidateSha ?? (await deps.candidateOf(ticket));
    return { provider, target: targetOf(ticket, candidate, project.folderPath) };
  }

  function mergeReceipt(
    provider: DeliveryProvider,
    target: DeliveryTarget,
    result: MergeResult,
  ): TicketDeliveryReceipt {
    return {
      prUrl: result.record.url,
      prNumber: result.record.number,
      prState: result.record.state,
      mergedCommit: result.verified ? target.candidateSha : null,
      alreadyMerged: result.alreadyMerged,
      details: {
        provider: provider.kind,
        via: provider.label,
        method: result.method,
        baseBranch: target.baseBranch,
        baseSha: result.baseSha,
        verified: result.verified,
        manualCommand: result.manualCommand,
      },
    };
  }

  return {
    /** §10.10 step 3 for CREATING_PULL_REQUEST; `refetch` on a user's Retry. */
    async publish(
      ticket: TicketRow,
      candidateSha: string,
      content: PullRequestContent,
      options: { refetch?: boolean } = {},
    ): Promise<PullRequestRecord> {
      const { provider, target } = await resolve(ticket, candidateSha);
      return provider.publish(target, content, options);
    },

    async read(ticket: TicketRow): Promise<PullRequestRecord | null> {
      const { provider, target } = await resolve(ticket);
      return provider.read(target);
    },

    async mergeAvailability(ticket: TicketRow): Promise<MergeAvailability> {
      const { provider, target } = await resolve(ticket);
      return (await provider.mergeAvailability?.(target)) ?? MERGE_AVAILABLE;
    },

    /** §10.11 Merge PR & Finish (and its alias verify). Throws a DeliveryError; nothing is recorded then. */
    async merge(ticket: TicketRow): Promise<TicketDeliveryReceipt> {
      const { provider, target } = await resolve(ticket);
      return mergeReceipt(provider, target, await provider.merge(target));
    },

    /**
     * §10.11 Finish Without Merge: the PR and the remote branch stay exactly as they are. Their state is read for
     * the report only; a forge that cannot be read (no token, offline) never stops the user from finishing.
     */
    async closeUnmerged(ticket: TicketRow, reason: string | null): Promise<TicketDeliveryReceipt> {
      const outcome = await resolve(ticket)
        .then(async ({ provider, target }) => ({
          provider: provider.kind,
          record: await provider.read(target),
          readError: null,
        }))
        .catch((error: unknown) => ({
          provider: null,
          record: null,
          readError: isDeliveryError(error) ? { code: error.code, message: error.message } : { message: String(error) },
        }));
      return {
        prUrl: outcome.record?.url ?? null,
        prNumber: outcome.record?.number ?? null,
        prState: outcome.record?.state ?? null,
        mergedCommit: null,
        alreadyMerged: outcome.record?.state === 'merged',
        details: { provider: outcome.provider, reason, readError: outcome.readError },
      };
    },
  };
}
