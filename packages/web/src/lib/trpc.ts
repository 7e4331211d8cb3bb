import type { AppRouter, RouterInputs, RouterOutputs } from '@looptroop/core';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { fetchReportingSignOut } from './auth.ts';

// Type-only import of the router: the web app never bundles server code.
export const api = createTRPCClient<AppRouter>({
  links: [httpLink({ url: '/trpc', fetch: fetchReportingSignOut })],
});

export type Ticket = RouterOutputs['tickets']['get'];
export type Project = RouterOutputs['projects']['get'];
export type Profile = NonNullable<RouterOutputs['profile']['get']>;
export type ProfileInput = RouterInputs['profile']['create'];
export type InterviewView = RouterOutputs['interview']['get'];
export type WorkflowMeta = RouterOutputs['workflow']['meta'];
export type CheckGitResult = RouterOutputs['projects']['checkGit'];
export type PlanningReview = RouterOutputs['planning']['review'];
export type BeadsView = RouterOutputs['beads']['get'];
export type PullRequestView = RouterOutputs['pullRequest']['get'];
export type Bead = BeadsView['beads'][number];
export type SetupPlanView = RouterOutputs['executionSetup']['get'];

const isServerError = (error: unknown): error is TRPCClientError<AppRouter> => error instanceof TRPCClientError;

/** Zod issues (`details` of an invalid_input error) as "path: message" lines. */
function issueText(details: unknown): string {
  if (!Array.isArray(details)) return '';
  return details
    .map((issue: unknown) => {
      if (typeof issue !== 'object' || issue === null || !('message' in issue)) return '';
      const path = 'path' in issue && Array.isArray(issue.path) ? issue.path.join('.') : '';
      return path ? `${path}: ${String(issue.message)}` : String(issue.message);
    })
    .filter(Boolean)
    .join('; ');
}

/** The server's `{ error }` message (with field issues for invalid input), or the transport error. */
export function errorMessage(error: unknown): string {
  if (isServerError(error)) {
    const shape = error.shape;
    if (!shape) return error.message;
    const issues = issueText(shape.details);
    return issues ? `${shape.error} (${issues})` : shape.error;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The server's error kind (`conflict`, `invalid_input`…), or null for a transport error. */
export function errorKind(error: unknown): string | null {
  return isServerError(error) ? (error.shape?.kind ?? null) : null;
}

/** The structured `details` of a server error (zod issues, per-bead issues, hashes…). */
export function errorDetails(error: unknown): unknown {
  return isServerError(error) ? error.shape?.details : undefined;
}

/**
 * What a cleared ui-state scope holds here: `{}`, which readers treat as "nothing stored". (The server also accepts
 * `data: null` to delete a scope; the drafts keep `{}` so a cleared scope still shows when it was cleared.)
 */
export const CLEARED_UI_STATE: Record<string, never> = {};
