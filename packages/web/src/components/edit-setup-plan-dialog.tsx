import { Modal } from './modal.tsx';

/**
 * Confirm "Edit setup plan…" on a blocked workspace setup (workflow.md §4.4): the failed setup attempt is archived and
 * the ticket goes back to the setup-plan approval, where the plan can be edited (or regenerated) and approved again.
 */
export function EditSetupPlanDialog(props: { onConfirm: () => void; onClose: () => void }) {
  return (
    <Modal title="Edit the setup plan?" onClose={props.onClose}>
      <div class="form">
        <p>
          The failed workspace setup is archived and the ticket goes <strong>back to the setup plan approval</strong>.
          There you can edit the plan (or regenerate it: the new plan is told why this setup failed) and approve it
          again; the workspace is then prepared from scratch. The tool cache is kept.
        </p>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => props.onClose()}>
            Stay blocked
          </button>
          <button type="button" onClick={() => props.onConfirm()}>
            Edit the setup plan
          </button>
        </div>
      </div>
    </Modal>
  );
}
