import { For } from 'solid-js';

/** A small tab strip: which view of a document is shown (structured or raw). */
export function ViewTabs<T extends string>(props: {
  label: string;
  tabs: readonly { id: T; label: string }[];
  current: T;
  onSelect: (id: T) => void;
}) {
  return (
    <div class="view-tabs" role="tablist" aria-label={props.label}>
      <For each={props.tabs}>
        {(tab) => (
          <button
            type="button"
            role="tab"
            aria-selected={props.current === tab.id}
            class={props.current === tab.id ? 'chosen' : 'secondary'}
            onClick={() => props.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        )}
      </For>
    </div>
  );
}
