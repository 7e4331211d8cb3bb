import { type JSX, onCleanup, onMount } from 'solid-js';

const FOCUSABLE = 'input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A dialog that closes on Esc and on the backdrop, focuses its first field, keeps Tab inside itself and gives focus
 * back to whatever opened it.
 */
export function Modal(props: { title: string; onClose: () => void; children: JSX.Element; wide?: boolean }) {
  let panel: HTMLDivElement | undefined;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const focusables = () =>
    [...(panel?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => !el.hasAttribute('disabled'));
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') return props.onClose();
    if (e.key !== 'Tab') return;
    const items = focusables();
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  onMount(() => {
    document.addEventListener('keydown', onKey);
    // The close button comes first in the DOM; start on the first field when there is one.
    const items = focusables();
    (items.find((el) => !el.classList.contains('modal-close')) ?? items[0])?.focus();
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    if (opener?.isConnected) opener.focus();
  });
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
          <button type="button" class="ghost modal-close" aria-label="Close" onClick={() => props.onClose()}>
            ✕
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
