import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentTurn, bead, type CodingHarness, marker, startCodingHarness } from '../../test/coding-harness.ts';
import { fromLegacy } from '../execution/command-spec.ts';
import { planToRaw } from '../execution/setup-plan-format.ts';
import { ExecutionSetupPlan } from '../execution/setup-plan-schema.ts';

// workflow.md §10.13 with §10.5 step 5: LoopTroop's own hook validation before a bead commit must not leave tracked
// files modified. A validation that rewrites files (a formatter) has its changes put back, so the bead commit holds the
// agent's edits only. Real git and libSQL; only the agent is fake.

const harnesses: CodingHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

const AGENT_CONTENT = 'export const a = 1;\n';
const editAndPass: AgentTurn = async (r) => {
  if (r.text.includes('context-wipe note')) return 'note';
  await mkdir(dirname(join(r.directory, 'src/a.js')), { recursive: true });
  await writeFile(join(r.directory, 'src/a.js'), AGENT_CONTENT);
  return marker('a');
};

/** The approved setup plan, carrying one explicit validation for the pre-commit hook. */
const planWithValidation = (ticketId: string, script: string) =>
  planToRaw(
    ExecutionSetupPlan.parse({
      schemaVersion: '1',
      ticketId,
      artifact: 'execution_setup_plan',
      status: 'draft',
      summary: 'ready',
      readiness: { status: 'ready', actionsRequired: false, evidence: [], gaps: [] },
      tempRoots: [],
      hostContext: { os: 'linux', wsl: false, arch: 'x64', shells: [], preferredShell: 'posix' },
      workspaceInputs: [],
      workspaceProbes: [],
      gitHooks: {
        policy: 'validate_advisory',
        detected: [],
        validationCommands: [
          { id: 'fmt', hook: 'pre-commit', command: fromLegacy(script, 'posix').spec, purpose: 'format' },
        ],
      },
      steps: [],
      projectCommands: { prepare: [], testFull: [], lintFull: [], typecheckFull: [] },
      qualityGatePolicy: { tests: 'a', lint: 'b', typecheck: 'c', fullProjectFallback: 'd' },
      cautions: [],
    }),
  );

describe('CODING: the hook validation before a bead commit', () => {
  it('puts back what the validation rewrote, so the commit holds the agent’s edits and nothing is left modified', async () => {
    const h = await startCodingHarness(
      [bead('a', 1)],
      { current: editAndPass },
      { locked: { gitHookPolicy: 'validate_advisory' } },
    );
    harnesses.push(h);
    const ticket = await h.ticket();
    await h.deps.artifacts.write(
      ticket,
      'WAITING_EXECUTION_SETUP_APPROVAL',
      'execution_setup_plan',
      planWithValidation(
        ticket.externalId,
        'echo "// reformatted" >> src/a.js && echo tmp > fmt.log && echo "# touched" >> README.md',
      ),
    );
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.git('show', '--name-only', '--format=', 'HEAD')).toBe('src/a.js');
    expect(h.git('show', 'HEAD:src/a.js')).toBe(AGENT_CONTENT.trim()); // the helper trims git's output
    // Nothing of the validation's is left (the harness's own `.ticket/` is not the worktree's code).
    expect(h.git('status', '--porcelain', '--untracked-files=all', '--', '.', ':(exclude).ticket')).toBe('');
  });
});
