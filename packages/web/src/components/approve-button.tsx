import { useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { errorDetails, errorKind, errorMessage } from '../lib/trpc.ts';
import { ApproveWithGapsDialog } from './approve-with-gaps-dialog.tsx';
import { FormError } from './form-error.tsx';

/** A 409 from an approval whose hash no longer matches the stored document (workflow service "Stale approval"). */
function isStaleApproval(error: unknown): boolean {
  const details = errorDetails(error);
  return (
    errorKind(error) === 'conflict' &&
    typeof details === 'object' &&
    details !== null &&
    'currentContentSha256' in details
  );
}

/**
 * Approve an approval gate with the hash of the document the user reviewed (api-reference.txt: every approval is
 * hash-guarded). A stale hash asks for a reload instead of approving something nobody has seen. With coverage gaps
 * still open it reads "Approve with N open gaps" and asks first, with an optional reason (workflow.md §8.5).
 */
export function ApproveButton(props: {
  label: string;
  /** What is approved, for the stale message ("the PRD"). */
  what: string;
  sha: string | null;
  /** Why approving is not possible right now (unsaved edits, a running gap fix…), or null. */
  blockedReason?: string | null;
  /** Coverage gaps still open: approving them needs a confirmation. */
  openGaps?: readonly string[];
  approve: (expectedContentSha256: string, reason: string | null) => Promise<unknown>;
}) {
  const client = useQueryClient();
  const [error, setError] = createSignal('');
  const [isStale, setStale] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [isConfirming, setConfirming] = createSignal(false);
  const gaps = () => props.openGaps ?? [];
  const label = () =>
    gaps().length ? `Approve with ${gaps().length} open gap${gaps().length === 1 ? '' : 's'}` : props.label;
  const approve = async (reason: string | null) => {
    setConfirming(false);
    const sha = props.sha;
    if (!sha) return setError('Nothing to approve yet: the document has not loaded.');
    setError('');
    setStale(false);
    setBusy(true);
    try {
      await props.approve(sha, reason);
      await client.invalidateQueries();
    } catch (err) {
      if (isStaleApproval(err)) setStale(true);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    setStale(false);
    await client.invalidateQueries();
  };
  return (
    <div class="approve-bar">
      <Show when={isStale()}>
        <p class="error" role="alert">
          {`${props.what.charAt(0).toUpperCase()}${props.what.slice(1)} changed since you loaded it — reload and review it again.`}{' '}
          <button type="button" class="secondary" onClick={reload}>
            Reload
          </button>
        </p>
      </Show>
      <FormError message={error()} />
      <Show when={props.blockedReason}>
        <span class="muted small">{props.blockedReason}</span>
      </Show>
      <button
        type="button"
        class={gaps().length ? 'warn' : ''}
        data-open-gaps={gaps().length}
        disabled={busy() || !props.sha || Boolean(props.blockedReason)}
        onClick={() => (gaps().length ? setConfirming(true) : approve(null))}
      >
        {label()}
      </button>
      <Show when={isConfirming()}>
        <ApproveWithGapsDialog
          what={props.what}
          gaps={gaps()}
          onConfirm={approve}
          onClose={() => setConfirming(false)}
        />
      </Show>
    </div>
  );
}
