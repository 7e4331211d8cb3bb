import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { ApproveButton } from './approve-button.tsx';

const conflict = (error: string, details: unknown) =>
  TRPCClientError.from({ error: { error, details, kind: 'conflict', message: error, code: -32603, data: {} } });

const renderButton = (
  approve: (sha: string, reason: string | null) => Promise<unknown>,
  blockedReason: string | null = null,
  openGaps: string[] = [],
) =>
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <ApproveButton
        label="Approve PRD"
        what="the PRD"
        sha="sha-1"
        blockedReason={blockedReason}
        openGaps={openGaps}
        approve={approve}
      />
    </QueryClientProvider>
  ));

describe('ApproveButton', () => {
  it('approves with the hash of the reviewed document', async () => {
    const approve = vi.fn(async () => ({}));
    renderButton(approve);
    fireEvent.click(screen.getByText('Approve PRD'));
    await waitFor(() => expect(approve).toHaveBeenCalledWith('sha-1', null));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('with open gaps, says how many and approves only after a confirmation, with the optional reason', async () => {
    const approve = vi.fn(async () => ({}));
    renderButton(approve, null, ['Idle sessions are not covered.', 'No audit log.']);
    fireEvent.click(screen.getByText('Approve with 2 open gaps'));
    const dialog = screen.getByRole('dialog', { name: 'Approve the PRD with 2 open gaps?' });
    expect(dialog.textContent).toContain('Idle sessions are not covered.');
    fireEvent.click(screen.getByText('Keep reviewing'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(approve).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('Approve with 2 open gaps'));
    fireEvent.input(screen.getByLabelText('Reason (optional)'), { target: { value: '  Idle expiry is next sprint ' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Approve with 2 open gaps' }));
    await waitFor(() => expect(approve).toHaveBeenCalledWith('sha-1', 'Idle expiry is next sprint'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('sends no reason when the confirmation leaves it empty', async () => {
    const approve = vi.fn(async () => ({}));
    renderButton(approve, null, ['Idle sessions are not covered.']);
    fireEvent.click(screen.getByText('Approve with 1 open gap'));
    fireEvent.submit(screen.getByRole('dialog').querySelector('form') ?? document.body);
    await waitFor(() => expect(approve).toHaveBeenCalledWith('sha-1', null));
  });

  it('asks for a reload when the document changed since it was loaded (409)', async () => {
    renderButton(async () => {
      throw conflict('Stale approval', { expectedContentSha256: 'sha-1', currentContentSha256: 'sha-2' });
    });
    fireEvent.click(screen.getByText('Approve PRD'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The PRD changed since you loaded it — reload');
    fireEvent.click(screen.getByText('Reload'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it("shows any other refusal as the server's message", async () => {
    renderButton(async () => {
      throw conflict('A gap fix is running', { running: true });
    });
    fireEvent.click(screen.getByText('Approve PRD'));
    expect((await screen.findByRole('alert')).textContent).toBe('A gap fix is running');
  });

  it('stays disabled, saying why, while the document has unsaved edits', () => {
    renderButton(async () => ({}), 'Save or discard your YAML edits before approving.');
    expect(screen.getByText('Approve PRD')).toHaveProperty('disabled', true);
    screen.getByText('Save or discard your YAML edits before approving.');
  });
});
