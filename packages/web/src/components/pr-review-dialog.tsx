import { createSignal, Show } from 'solid-js';
import { Modal } from './modal.tsx';
import { ReasonField } from './reason-field.tsx';

/** The two ways out of WAITING_PR_REVIEW (workflow.md §10.11). */
export type PrReviewChoice = 'merge' | 'close_unmerged';

const COPY = {
  merge: {
    title: 'Merge the pull request and finish?',
    text: 'LoopTroop marks the pull request ready if needed, merges it, and checks that the remote base branch contains the reviewed commit. Your local checkout is left untouched.',
    confirm: 'Merge PR & Finish',
  },
  close_unmerged: {
    title: 'Finish without merging?',
    text: 'The ticket finishes without merging. The pull request and the remote branch are left exactly as they are.',
    confirm: 'Finish Without Merge',
  },
} satisfies Record<PrReviewChoice, { title: string; text: string; confirm: string }>;

/**
 * Confirm Merge PR & Finish, or Finish Without Merge with an optional reason for the merge report (null when left
 * blank). The caller sends it and shows the outcome, like the cancel dialog.
 */
export function PrReviewDialog(props: {
  choice: PrReviewChoice;
  onConfirm: (reason: string | null) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = createSignal('');
  const copy = () => COPY[props.choice];
  return (
    <Modal title={copy().title} onClose={props.onClose}>
      <form
        class="form"
        data-choice={props.choice}
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm(props.choice === 'close_unmerged' ? reason().trim() || null : null);
        }}
      >
        <p>{copy().text}</p>
        <Show when={props.choice === 'close_unmerged'}>
          <ReasonField
            value={reason()}
            onInput={setReason}
            placeholder="Why the ticket ends without a merge"
            keptIn="in the merge report"
          />
        </Show>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => props.onClose()}>
            Keep reviewing
          </button>
          <button type="submit" class={props.choice === 'close_unmerged' ? 'danger' : ''}>
            {copy().confirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}
