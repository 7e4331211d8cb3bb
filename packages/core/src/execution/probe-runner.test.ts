import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChildProcessRunner } from '../commands/child-process.ts';
import type { CommandSpec } from './command-spec.ts';
import { runProbe } from './probe-runner.ts';

const exec = (program: string, args: string[]): CommandSpec => ({
  kind: 'exec',
  program,
  args,
  cwd: '.',
  env: { PROBE_VAR: 'yes' },
  timeoutSeconds: null,
});

describe('setup probes through the real command runner', () => {
  let root: string;
  const runner = createChildProcessRunner({ env: { PATH: process.env.PATH } });
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lt-probe-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  const options = () => ({ root, env: {}, timeoutMs: 10_000, signal: new AbortController().signal });

  it('runs the spec with its env in the root and keeps the output', async () => {
    const probe = await runProbe(
      runner,
      { id: 'p', kind: 'workspace', command: exec('node', ['-e', 'console.log(process.env.PROBE_VAR)']) },
      options(),
    );
    expect(probe).toMatchObject({
      id: 'p',
      kind: 'workspace',
      exitCode: 0,
      timedOut: false,
      command: "PROBE_VAR=yes node -e 'console.log(process.env.PROBE_VAR)'",
    });
    expect(probe.outputTail).toContain('yes');
  });

  it('reports a launcher that does not exist as exit 127', async () => {
    const probe = await runProbe(
      runner,
      { id: 'x', kind: 'tooling', command: exec('no-such-launcher-xyz', []) },
      options(),
    );
    expect(probe).toMatchObject({ exitCode: 127, timedOut: false });
    expect(probe.outputTail).toContain('ENOENT');
  });

  it('honours the spec timeout, a script in the named shell included', async () => {
    const spec: CommandSpec = {
      kind: 'script',
      shell: 'posix',
      script: 'sleep 30',
      cwd: '.',
      env: {},
      timeoutSeconds: 1,
    };
    const probe = await runProbe(runner, { id: 's', kind: 'workspace', command: spec }, options());
    expect(probe.timedOut).toBe(true);
    expect(probe.durationMs).toBeLessThan(5000);
  });
});
