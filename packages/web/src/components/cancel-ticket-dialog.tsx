import { Modal } from './modal.tsx';

export interface CancelChoice {
  deleteContent: boolean;
  deleteLog: boolean;
}

/** Confirm a cancel, with the two cleanup choices of POST /tickets/:id/cancel (api-reference.txt). */
export function CancelTicketDialog(props: {
  ticketId: string;
  onConfirm: (choice: CancelChoice) => void;
  onClose: () => void;
}) {
  return (
    <Modal title={`Cancel ${props.ticketId}?`} onClose={props.onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          props.onConfirm({
            deleteContent: form.get('deleteContent') === 'on',
            deleteLog: form.get('deleteLog') === 'on',
          });
        }}
      >
        <p>Canceling stops all work on this ticket. It cannot be restarted; the ticket record stays.</p>
        <label class="check">
          <input type="checkbox" name="deleteContent" /> Delete AI artifacts, the worktree and its branch
        </label>
        <label class="check">
          <input type="checkbox" name="deleteLog" /> Delete the execution log
        </label>
        <div class="actions">
          <button type="button" class="secondary" onClick={() => props.onClose()}>
            Keep ticket
          </button>
          <button type="submit" class="danger">
            Cancel ticket
          </button>
        </div>
      </form>
    </Modal>
  );
}
