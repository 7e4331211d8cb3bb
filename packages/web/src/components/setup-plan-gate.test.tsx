import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubTrpc } from '../testing/fake-trpc.ts';
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

const renderGate = () =>
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <SetupPlanGate ticketId="AUTH-12" isGate={true} />
    </QueryClientProvider>
  ));

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
});
