import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeUiState, stubTrpc } from '../testing/fake-trpc.ts';
import { SetupPlanGate } from './setup-plan-gate.tsx';

// Only the server is faked (tRPC over fetch); the component, the query client and the approve button are real.

const exec = (program: string, ...args: string[]) => ({
  kind: 'exec',
  program,
  args,
  cwd: '.',
  env: {},
  timeoutSeconds: null,
});
const plan = {
  schemaVersion: '1',
  ticketId: 'AUTH-12',
  artifact: 'execution_setup_plan',
  status: 'draft',
  summary: 'Node is installed.',
  readiness: { status: 'ready', actionsRequired: false, evidence: [], gaps: [] },
  tempRoots: ['.ticket/runtime/execution-setup'],
  hostContext: { os: 'linux', wsl: false, arch: 'x64', shells: [], preferredShell: 'posix' },
  workspaceInputs: [],
  workspaceProbes: [{ id: 'tests', command: exec('node', '--test'), purpose: 'the tests run' }],
  gitHooks: { policy: 'validate_advisory', detected: [], validationCommands: [] },
  steps: [],
  projectCommands: { prepare: [], testFull: [], lintFull: [], typecheckFull: [] },
  qualityGatePolicy: { tests: 'a', lint: 'b', typecheck: 'c', fullProjectFallback: 'd' },
  cautions: ['Add .env.local to .gitignore'],
};
const view = (over: Record<string, unknown> = {}) => ({
  exists: true,
  artifactId: 7,
  updatedAt: '2026-12-02T00:00:00.000Z',
  raw: '{"schema_version": "1"}',
  plan,
  contentSha256: 'a'.repeat(64),
  version: 2,
  versions: [
    { version: 1, state: 'archived' },
    { version: 2, state: 'active' },
  ],
  editable: true,
  canApprove: true,
  validationError: null,
  warnings: [],
  ...over,
});
const ticketResult = { message: 'ok', ticketId: 'AUTH-12', status: 'PREPARING_EXECUTION_ENV', ticket: {} };

const renderGate = (isGate = true, canRewind = false) =>
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <SetupPlanGate ticketId="AUTH-12" isGate={isGate} canRewind={canRewind} />
    </QueryClientProvider>
  ));
const SHA = 'a'.repeat(64);
const rawEditor = () => screen.getByLabelText('Raw setup plan') as HTMLTextAreaElement;
const autosave = () => screen.getByTestId('autosave');

afterEach(() => vi.unstubAllGlobals());

describe('SetupPlanGate (workflow.md §10.4)', () => {
  it('shows the plan and approves it with the hash of the version on screen', async () => {
    const calls = stubTrpc({
      'executionSetup.get': () => ({ data: view() }),
      'ticketActions.approveExecutionSetupPlan': () => ({ data: ticketResult }),
    });
    renderGate();
    await screen.findByText('node --test');
    expect(screen.getByText(/Add .env.local/)).toBeTruthy();
    fireEvent.click(screen.getByText('Approve setup plan'));
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'ticketActions.approveExecutionSetupPlan')?.input).toEqual({
        id: 'AUTH-12',
        expectedContentSha256: 'a'.repeat(64),
      }),
    );
  });

  it('regenerates with the commentary typed', async () => {
    const calls = stubTrpc({
      'executionSetup.get': () => ({ data: view() }),
      'executionSetup.regenerate': () => ({ data: ticketResult }),
    });
    renderGate();
    await screen.findByText('node --test');
    fireEvent.input(screen.getByLabelText('Regeneration commentary'), { target: { value: 'Add the lint command' } });
    fireEvent.click(screen.getByText('Regenerate'));
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'executionSetup.regenerate')?.input).toEqual({
        id: 'AUTH-12',
        commentary: 'Add the lint command',
      }),
    );
  });

  it('shows why a failed generation cannot be approved, with Regenerate still offered', async () => {
    stubTrpc({
      'executionSetup.get': () => ({
        data: view({
          exists: false,
          plan: null,
          contentSha256: null,
          canApprove: false,
          editable: false,
          validationError: 'readiness: missing',
        }),
      }),
    });
    renderGate();
    await screen.findByText(/The generated plan is not valid: readiness: missing/);
    expect(screen.getByText('Regenerate')).toBeTruthy();
  });

  it('autosaves raw edits as a draft, never as the plan, and holds Approve until they are saved', async () => {
    const ui = fakeUiState();
    const calls = stubTrpc({ 'executionSetup.get': () => ({ data: view() }), ...ui.handlers });
    renderGate();
    await screen.findByText('node --test');
    fireEvent.input(rawEditor(), { target: { value: '{"schema_version": "2"}' } });
    expect(autosave().textContent).toBe('Unsaved changes');
    expect((screen.getByText('Approve setup plan') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(autosave().textContent).toMatch(/^Draft saved \d\d:\d\d:\d\d$/), { timeout: 3000 });
    expect(ui.store.get('setup-plan-draft')).toEqual({ baseSha256: SHA, value: '{"schema_version": "2"}' });
    expect(calls.some((c) => c.path === 'executionSetup.put')).toBe(false);
  });

  it('Save writes the edited plan and clears the draft', async () => {
    const ui = fakeUiState();
    const calls = stubTrpc({
      'executionSetup.get': () => ({ data: view() }),
      'executionSetup.put': () => ({ data: ticketResult }),
      ...ui.handlers,
    });
    renderGate();
    await screen.findByText('node --test');
    fireEvent.input(rawEditor(), { target: { value: '{"schema_version": "3"}' } });
    fireEvent.click(screen.getByText('Save setup plan'));
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'executionSetup.put')?.input).toEqual({
        id: 'AUTH-12',
        raw: '{"schema_version": "3"}',
      }),
    );
    await waitFor(() => expect(ui.store.get('setup-plan-draft')).toEqual({}));
  });

  it('lists the schema problems of a refused save by field and keeps the edit', async () => {
    stubTrpc({
      'executionSetup.get': () => ({ data: view() }),
      'executionSetup.put': () => ({
        error: 'The setup plan is not valid: readiness.status',
        kind: 'invalid_input',
        details: { issues: [{ field: 'readiness.status', message: 'Invalid option' }] },
        status: 400,
      }),
      ...fakeUiState().handlers,
    });
    renderGate();
    await screen.findByText('node --test');
    fireEvent.input(rawEditor(), { target: { value: '{"readiness": {"status": "maybe"}}' } });
    fireEvent.click(screen.getByText('Save setup plan'));
    await screen.findByText('readiness.status: Invalid option');
    expect(rawEditor().value).toBe('{"readiness": {"status": "maybe"}}');
  });

  it('restores an autosaved draft after a reload', async () => {
    const ui = fakeUiState({ 'setup-plan-draft': { baseSha256: SHA, value: '{"restored": true}' } });
    stubTrpc({ 'executionSetup.get': () => ({ data: view() }), ...ui.handlers });
    renderGate();
    await screen.findByText(/Restored your unsaved draft/);
    expect(rawEditor().value).toBe('{"restored": true}');
    expect((screen.getByText('Approve setup plan') as HTMLButtonElement).disabled).toBe(true);
  });

  it('reads no draft and offers no editing outside the gate', async () => {
    const ui = fakeUiState({ 'setup-plan-draft': { baseSha256: SHA, value: '{"restored": true}' } });
    const calls = stubTrpc({ 'executionSetup.get': () => ({ data: view({ editable: false }) }), ...ui.handlers });
    renderGate(false);
    await screen.findByText('node --test');
    expect(rawEditor().readOnly).toBe(true);
    expect(rawEditor().value).toBe('{"schema_version": "1"}');
    expect(screen.queryByText('Save setup plan')).toBeNull();
    expect(calls.some((c) => c.path === 'tickets.uiState')).toBe(false);
  });

  it('while the workspace is prepared, edits only after a confirmation, and saves as a rewind (§4.7, §4.8)', async () => {
    const calls = stubTrpc({
      'executionSetup.get': () => ({ data: view({ canApprove: false }) }),
      'executionSetup.put': () => ({ data: { ...ticketResult, status: 'WAITING_EXECUTION_SETUP_APPROVAL' } }),
      ...fakeUiState().handlers,
    });
    renderGate(false, true);
    await screen.findByText('node --test');
    expect(rawEditor().readOnly).toBe(true);
    expect(screen.queryByText('Approve setup plan')).toBeNull();
    fireEvent.click(screen.getByText('Edit or regenerate the plan…'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the setup plan?' });
    expect(dialog.textContent).toContain('Saving an edit stops the setup');
    fireEvent.click(within(dialog).getByText('Edit the setup plan'));
    expect(rawEditor().readOnly).toBe(false);
    expect(screen.getByText('Stop the setup and regenerate')).toBeTruthy();
    expect(screen.queryByText('Approve setup plan')).toBeNull();
    fireEvent.input(rawEditor(), { target: { value: '{"schema_version": "4"}' } });
    fireEvent.click(screen.getByText('Save and return to approval'));
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'executionSetup.put')?.input).toEqual({
        id: 'AUTH-12',
        raw: '{"schema_version": "4"}',
      }),
    );
  });
});
