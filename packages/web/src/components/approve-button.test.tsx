import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { ApproveButton } from './approve-button.tsx';

const conflict = (error: string, details: unknown) =>
  TRPCClientError.from({ error: { error, details, kind: 'conflict', message: error, code: -32603, data: {} } });

const renderButton = (approve: (sha: string) => Promise<unknown>, blockedReason: string | null = null) =>
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <ApproveButton label="Approve PRD" what="the PRD" sha="sha-1" blockedReason={blockedReason} approve={approve} />
    </QueryClientProvider>
  ));

describe('ApproveButton', () => {
  it('approves with the hash of the reviewed document', async () => {
    const approve = vi.fn(async () => ({}));
    renderButton(approve);
    fireEvent.click(screen.getByText('Approve PRD'));
    await waitFor(() => expect(approve).toHaveBeenCalledWith('sha-1'));
    expect(screen.queryByRole('alert')).toBeNull();
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
