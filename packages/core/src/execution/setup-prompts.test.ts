import { describe, expect, it } from 'vitest';
import { parseStructured } from '../structured/index.ts';
import { parseSetupPlan } from './setup-plan-format.ts';
import { capabilityProbePrompt, PLAN_EXAMPLE, RESULT_EXAMPLE, setupNotePrompt } from './setup-prompts.ts';
import { setupResultSpec } from './setup-result.ts';

describe('execution prompts (workflow.md §13)', () => {
  it('carries the phase tag the scripted model and the logs use', () => {
    expect(capabilityProbePrompt()).toContain('[[phase:PRE_FLIGHT_CHECK]]');
    expect(setupNotePrompt('probe tests exited 1')).toContain('[[phase:PREPARING_EXECUTION_ENV]]');
  });

  it('shows examples that pass their own schema', () => {
    const plan = parseSetupPlan(
      `<EXECUTION_SETUP_PLAN>${PLAN_EXAMPLE}</EXECUTION_SETUP_PLAN>`,
      {
        ticketId: 'T-1',
        host: { os: 'linux', wsl: false, arch: 'x64', shells: [], preferredShell: 'posix' },
        hooks: { policy: 'validate_advisory', detected: [] },
      },
      {
        repo: { files: new Set(['package.json']), packageScripts: new Map([['.', new Set(['test'])]]) },
        isLauncherAvailable: () => true,
        beadTestCommands: [],
      },
    );
    expect(plan.ok ? 'valid' : plan.error).toBe('valid');
    const result = parseStructured(
      `<EXECUTION_SETUP_RESULT>${RESULT_EXAMPLE}</EXECUTION_SETUP_RESULT>`,
      setupResultSpec,
    );
    expect(result.ok ? 'valid' : result.error).toBe('valid');
  });
});
