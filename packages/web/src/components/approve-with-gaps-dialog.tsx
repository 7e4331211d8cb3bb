import { createSignal, For } from 'solid-js';
import { Modal } from './modal.tsx';
import { ReasonField } from './reason-field.tsx';

/**
 * Confirm an approval that leaves coverage gaps open (workflow.md §8.5, §9.6 "approve with gaps"), with an optional
 * reason for the approval receipt.
 */
export function ApproveWithGapsDialog(props: {
  /** "the PRD", "the bead plan". */
  what: string;
  gaps: readonly string[];
  onConfirm: (reason: string | null) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = createSignal('');
  const count = () => `${props.gaps.length} open gap${props.gaps.length === 1 ? '' : 's'}`;
  return (
    <Modal title={`Approve ${props.what} with ${count()}?`} onClose={props.onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm(reason().trim() || null);
        }}
      >
        <p>The last coverage audit left these gaps unresolved. Approving moves on without fixing them:</p>
        <ul class="gap-list">
          <For each={props.gaps}>{(gap) => <li>{gap}</li>}</For>
        </ul>
        <ReasonField
          value={reason()}
          onInput={setReason}
          placeholder="Why these gaps are acceptable"
          keptIn="on the approval receipt"
        />
        <div class="actions">
          <button type="button" class="secondary" onClick={() => props.onClose()}>
            Keep reviewing
          </button>
          <button type="submit">Approve with {count()}</button>
        </div>
      </form>
    </Modal>
  );
}
