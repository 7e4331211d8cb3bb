import { fireEvent, render, screen } from '@solidjs/testing-library';
import { createSignal, Show } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { Modal } from './modal.tsx';

describe('Modal', () => {
  it('focuses its first field and closes on Esc', () => {
    const onClose = vi.fn();
    render(() => (
      <Modal title="Edit" onClose={onClose}>
        <input aria-label="Title" />
      </Modal>
    ));
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('keeps Tab inside the dialog', () => {
    render(() => (
      <Modal title="Edit" onClose={() => undefined}>
        <input aria-label="Title" />
        <button type="submit">Save</button>
      </Modal>
    ));
    screen.getByText('Save').focus();
    fireEvent.keyDown(document, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByLabelText('Close'));
  });

  it('gives focus back to the button that opened it', () => {
    const [open, setOpen] = createSignal(false);
    render(() => (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Open
        </button>
        <Show when={open()}>
          <Modal title="Edit" onClose={() => setOpen(false)}>
            <input aria-label="Title" />
          </Modal>
        </Show>
      </>
    ));
    const opener = screen.getByText('Open');
    opener.focus();
    fireEvent.click(opener);
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
