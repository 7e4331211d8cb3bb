import { Show } from 'solid-js';
import { Modal } from './modal.tsx';

/**
 * Confirm editing the setup plan once the workspace setup began (workflow.md §4.4 "Edit setup plan…" of a blocked
 * setup, §4.8 an edit while it runs): the setup attempt is archived and the ticket goes back to the setup-plan
 * approval, where the plan can be edited (or regenerated) and approved again.
 */
export function EditSetupPlanDialog(props: {
  /** The setup is still running (PREPARING_EXECUTION_ENV): a save or regeneration stops it. */
  isRunning?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal title="Edit the setup plan?" onClose={props.onClose}>
      <div class="form">
        <Show
          when={props.isRunning}
          fallback={
            <p>
              The failed workspace setup is archived and the ticket goes{' '}
              <strong>back to the setup plan approval</strong>. There you can edit the plan (or regenerate it: the new
              plan is told why this setup failed) and approve it again; the workspace is then prepared from scratch. The
              tool cache is kept.
            </p>
          }
        >
          <p>
            The workspace is being prepared from the approved plan. <strong>Saving an edit stops the setup</strong> and
            returns to the setup plan approval; regenerating stops it and drafts a new plan. Nothing stops until you
            press Save or Regenerate; the tool cache is kept.
          </p>
        </Show>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => props.onClose()}>
            {props.isRunning ? 'Let the setup run' : 'Stay blocked'}
          </button>
          <button type="button" onClick={() => props.onConfirm()}>
            Edit the setup plan
          </button>
        </div>
      </div>
    </Modal>
  );
}
