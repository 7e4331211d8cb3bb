import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AgentTurn,
  bead,
  type CodingHarness,
  marker,
  useCodingHarnesses,
  writeIn,
} from '../../test/coding-harness.ts';
import { FinalizationFailure, finalizeBead } from './finalize.ts';
import type { SetupFacts } from './setup-facts.ts';

// workflow.md §10.6 steps 4 and 8, §10.13: the approved setup roots stay out of bead commits and survive a Ralph
// reset; the explicit hook validations of Check warn and those of Require block. Real git, real commands.

const start = useCodingHarnesses();

async function harness(agent: AgentTurn) {
  const h = await start([bead('a', 1)], agent);
  await h.deps.artifacts.write(
    await h.ticket(),
    'PREPARING_EXECUTION_ENV',
    'execution_setup_profile',
    JSON.stringify({ status: 'ready', summary: 'ready', tempRoots: ['.tools/'] }),
  );
  return h;
}

describe('CODING and the approved setup roots', () => {
  it('names the roots in the prompt, keeps them out of the commit and keeps them through a Ralph reset', async () => {
    const h = await harness(async (r) => {
      if (r.text.includes('context-wipe note')) return 'note';
      if (r.sessionId === 'ses_1') {
        await writeIn(r.directory, '.tools/bin/tool', '#!/bin/sh\n');
        return 'no marker';
      }
      await writeIn(r.directory, 'src/a.js', 'export const a = 1;\n');
      return marker('a');
    });
    expect(await h.run({}, {})).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.prompts[0]?.text).toContain('`.tools`');
    expect(existsSync(join(h.worktree, '.tools/bin/tool'))).toBe(true);
    expect(h.git('show', '--name-only', '--format=', 'HEAD')).toBe('src/a.js');
    const logs = h.events.filter((e) => e.type === 'log').map((e) => String(e.data.message));
    expect(logs).toContain('Bead a: .tools/ is a setup root and was not committed');
  });
});

describe('CODING: explicit hook validations (§10.13)', () => {
  const facts = (hookPolicy: SetupFacts['hookPolicy'], exitCode: number): SetupFacts => ({
    tempRoots: [],
    hookPolicy,
    hookValidations: [
      {
        hook: 'pre-commit',
        command: { kind: 'script', shell: 'posix', script: `exit ${exitCode}`, cwd: '.', env: {}, timeoutSeconds: 10 },
      },
    ],
  });

  async function finalize(h: CodingHarness, f: SetupFacts) {
    await writeIn(h.worktree, 'src/a.js', 'export const a = 1;\n');
    const [a] = await h.beads();
    if (!a) throw new Error('no bead');
    return finalizeBead(h.deps, await h.context(), a, f);
  }

  it('commits with a warning when a validation fails under Check', async () => {
    const h = await harness(() => marker('a'));
    const done = await finalize(h, facts('validate_advisory', 3));
    expect(done.commit).toBe(h.git('rev-parse', 'HEAD'));
    expect(done.warnings).toEqual([
      expect.stringMatching(/the pre-commit validation `.*exit 3.*` exited 3 \(git hook policy Check/),
    ]);
  });

  it('fails the finalization when a validation fails under Require, and commits when it passes', async () => {
    const h = await harness(() => marker('a'));
    const head = h.git('rev-parse', 'HEAD');
    await expect(finalize(h, facts('validate_required', 1))).rejects.toBeInstanceOf(FinalizationFailure);
    expect(h.git('rev-parse', 'HEAD')).toBe(head);
    const done = await finalize(h, facts('validate_required', 0));
    expect(done.commit).not.toBeNull();
    expect(done.warnings).toEqual([]);
  });

  it('skips the validations under Observe', async () => {
    const h = await harness(() => marker('a'));
    const done = await finalize(h, facts('observe_only', 1));
    expect(done.commit).not.toBeNull();
    expect(done.warnings).toEqual([]);
  });
});
