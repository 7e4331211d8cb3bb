import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../execution/command-spec.ts';
import { applyWrapper } from './command-environment.ts';

// workflow.md §10.7: the declared setup wrapper is applied to each final-test command, never twice.

const WT = '/work/tree';
const WRAPPER = `${WT}/.ticket/runtime/execution-setup/run`;
const exec = (program: string, args: string[] = [], cwd = '.'): CommandSpec => ({
  kind: 'exec',
  program,
  args,
  cwd,
  env: { A: '1' },
  timeoutSeconds: 30,
});
const script = (text: string): CommandSpec => ({
  kind: 'script',
  shell: 'posix',
  script: text,
  cwd: '.',
  env: {},
  timeoutSeconds: null,
});

describe('applyWrapper', () => {
  it('runs a program through the wrapper, keeping cwd, env and timeout', () => {
    expect(applyWrapper(exec('npm', ['test'], 'pkg'), WRAPPER, WT)).toEqual({
      ...exec(WRAPPER, ['npm', 'test'], 'pkg'),
    });
  });

  it('runs a script as `wrapper sh -c script`', () => {
    expect(applyWrapper(script('npm test'), WRAPPER, WT)).toMatchObject({
      kind: 'exec',
      program: WRAPPER,
      args: ['sh', '-c', 'npm test'],
    });
  });

  it.each([
    ['a repo-relative program', exec('.ticket/runtime/execution-setup/run', ['npm', 'test'])],
    ['a ./ program', exec('./.ticket/runtime/execution-setup/run', ['npm'])],
    ['an absolute program', exec(WRAPPER, ['npm'])],
    ['a program relative to its cwd', exec('../.ticket/runtime/execution-setup/run', ['npm'], 'pkg')],
    ['a script that starts with it', script('.ticket/runtime/execution-setup/run npm test')],
  ])('leaves %s that already invokes the wrapper alone', (_name, spec) => {
    expect(applyWrapper(spec, WRAPPER, WT)).toEqual(spec);
  });

  it('changes nothing without a declared wrapper', () => {
    expect(applyWrapper(exec('npm', ['test']), null, WT)).toEqual(exec('npm', ['test']));
  });
});
