import { type JSX, onCleanup, onMount } from 'solid-js';

/** A dialog that closes on Esc and on the backdrop, and focuses its first field. */
export function Modal(props: { title: string; onClose: () => void; children: JSX.Element; wide?: boolean }) {
  let panel: HTMLDivElement | undefined;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') props.onClose();
  };
  onMount(() => {
    document.addEventListener('keydown', onKey);
    panel?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  });
  onCleanup(() => document.removeEventListener('keydown', onKey));
  return (
    // Esc closes the dialog from anywhere (document listener); a backdrop click is a mouse convenience on top of it.
    // biome-ignore lint/a11y/noStaticElementInteractions: keyboard users close with Esc or the close button
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard path is the document-level Esc handler
    <div class="backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        class={`modal ${props.wide ? 'wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        ref={panel}
      >
        <header class="modal-head">
          <h2>{props.title}</h2>
          <button type="button" class="ghost" aria-label="Close" onClick={() => props.onClose()}>
            ✕
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
