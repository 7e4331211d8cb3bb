import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandSpec } from './command-spec.ts';
import { processRunner } from './probe-runner.ts';

const exec = (program: string, args: string[], timeoutSeconds: number | null = null): CommandSpec => ({
  kind: 'exec',
  program,
  args,
  cwd: '.',
  env: { PROBE_VAR: 'yes' },
  timeoutSeconds,
});

describe('the process runner (real child processes)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lt-runner-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  const options = () => ({
    root,
    env: { PATH: process.env.PATH },
    timeoutMs: 10_000,
    signal: new AbortController().signal,
  });

  it('runs a program with the spec env in the root and keeps its output', async () => {
    const run = await processRunner.run(
      exec('node', ['-e', 'console.log(process.env.PROBE_VAR, process.cwd())']),
      options(),
    );
    expect(run).toMatchObject({ exitCode: 0, timedOut: false });
    expect(run.output).toContain(`yes ${root}`);
  });

  it('reports a missing launcher as exit 127 instead of throwing', async () => {
    const run = await processRunner.run(exec('no-such-launcher-xyz', []), options());
    expect(run.exitCode).toBe(127);
    expect(run.output).toContain('ENOENT');
  });

  it('kills the process group at the deadline, children included', async () => {
    const spec: CommandSpec = {
      kind: 'script',
      shell: 'posix',
      script: 'sleep 30 & sleep 30',
      cwd: '.',
      env: {},
      timeoutSeconds: 1,
    };
    const started = Date.now();
    const run = await processRunner.run(spec, options());
    expect(run.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
