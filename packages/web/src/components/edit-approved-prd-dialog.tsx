import { Modal } from './modal.tsx';

/**
 * Confirm editing the approved PRD while the beads are planned (workflow.md §4.8 "PRD saved after approval"): saving
 * it restarts planning at DRAFTING_BEADS and archives the bead work.
 */
export function EditApprovedPrdDialog(props: { onConfirm: () => void; onClose: () => void }) {
  return (
    <Modal title="Edit the approved PRD?" onClose={props.onClose}>
      <div class="form">
        <p>
          Saving an edited PRD makes it the approved PRD and <strong>restarts planning at DRAFTING_BEADS</strong>: the
          bead work done so far (blueprint drafts, votes, coverage and the bead plan) is archived, any running bead step
          is stopped, and the council drafts the beads again from your PRD.
        </p>
        <p class="muted small">Nothing changes until you press Save; your edits are autosaved as a draft meanwhile.</p>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => props.onClose()}>
            Keep the approved PRD
          </button>
          <button type="button" onClick={() => props.onConfirm()}>
            Edit the PRD
          </button>
        </div>
      </div>
    </Modal>
  );
}
