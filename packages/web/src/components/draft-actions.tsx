import { Show } from 'solid-js';
import type { DocumentDraft } from '../lib/document-draft.ts';
import { AutosaveStatus } from './autosave-status.tsx';

/**
 * The action row under every approval editor: the autosave state, why Save must wait (a gap fix runs…), Discard
 * and the explicit Save. Both buttons rest while nothing is dirty or a save is being written.
 */
export function DraftActions<T>(props: {
  draft: DocumentDraft<T>;
  saveLabel: string;
  saveBlockedReason?: string | null | undefined;
  onSave: () => void;
  onDiscard: () => void;
}) {
  const idle = () => !props.draft.isDirty() || props.draft.isCommitting();
  return (
    <div class="actions">
      <AutosaveStatus status={props.draft.status()} isDirty={props.draft.isDirty()} />
      <Show when={props.saveBlockedReason}>
        <span class="muted small">{props.saveBlockedReason}</span>
      </Show>
      <button type="button" class="secondary" onClick={() => props.onDiscard()} disabled={idle()}>
        Discard
      </button>
      <button
        type="button"
        class="secondary"
        onClick={() => props.onSave()}
        disabled={idle() || Boolean(props.saveBlockedReason)}
      >
        {props.saveLabel}
      </button>
    </div>
  );
}
