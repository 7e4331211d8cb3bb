import { autosaveText, type AutosaveStatus as Status } from '../state/autosave.ts';

/**
 * The autosave state of an approval editor (workflow.md §16.7): "Unsaved changes", "Saving…", "Draft saved
 * 12:03:04". A stored draft the editor is not showing (an offer) is told by its notice instead.
 */
export function AutosaveStatus(props: { status: Status; isDirty: boolean }) {
  const text = () => (props.status.kind === 'saved' && !props.isDirty ? '' : autosaveText(props.status));
  return (
    <span
      class={`autosave ${props.status.kind}`}
      role="status"
      aria-live="polite"
      data-testid="autosave"
      data-autosave={props.status.kind}
    >
      {text()}
    </span>
  );
}
