import { Show } from 'solid-js';
import type { DraftNotice as Notice } from '../lib/document-draft.ts';
import { clockTime } from '../state/autosave.ts';

function noticeText(notice: Notice, what: string): string {
  const from = notice.savedAt ? ` from ${clockTime(notice.savedAt)}` : '';
  if (notice.kind === 'restored') {
    return notice.isOutdated
      ? `Restored your draft${from}. It was based on an older version of ${what}: check it against the current version before saving.`
      : `Restored your unsaved draft${from}.`;
  }
  return notice.isOutdated
    ? `You have a draft${from} based on an older version of ${what} (it changed since).`
    : `You have an autosaved draft${from}.`;
}

/**
 * An autosaved draft found after a reload, or set aside because the document changed under it
 * (lib/document-draft.ts): restored into the editor, or offered — flagged when it was made from an older version.
 */
export function DraftNotice(props: {
  notice: Notice | null;
  /** "the PRD", "the bead plan". */
  what: string;
  /** Which editor the draft belongs to, when a document has more than one ("Raw JSONL"). */
  view?: string;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  return (
    <Show when={props.notice}>
      {(notice) => (
        <div
          class={`draft-notice ${notice().isOutdated ? 'outdated' : ''}`}
          role="status"
          data-testid="draft-notice"
          data-draft={notice().kind}
          data-outdated={String(notice().isOutdated)}
          data-view={props.view}
        >
          <Show when={props.view}>
            <strong>{props.view}:</strong>
          </Show>
          <span>{noticeText(notice(), props.what)}</span>
          <span class="spacer" />
          <Show when={notice().kind === 'offered'}>
            <button type="button" class="secondary" onClick={() => props.onRestore()}>
              Restore draft
            </button>
          </Show>
          <button type="button" class="secondary" onClick={() => props.onDiscard()}>
            Discard draft
          </button>
        </div>
      )}
    </Show>
  );
}
