import { describe, expect, it } from 'vitest';
import type { CommandSpec } from './command-spec.ts';
import { diffSetupCommands } from './setup-command-diff.ts';

const exec = (program: string, ...args: string[]): CommandSpec => ({
  kind: 'exec',
  program,
  args,
  cwd: '.',
  env: {},
  timeoutSeconds: null,
});
const step = (id: string, required: boolean, ...commands: CommandSpec[]) => ({
  id,
  title: id,
  purpose: id,
  commands,
  required,
  rationale: id,
  cautions: [],
});

describe('approved vs. run setup commands (workflow.md §10.5 step 9)', () => {
  it('lists additions and skipped required commands; legacy strings compare as host scripts', () => {
    const plan = {
      steps: [step('install', true, exec('npm', 'ci')), step('warm', false, exec('npm', 'run', 'build'))],
    };
    const diff = diffSetupCommands(plan, [exec('npm', 'install'), 'npm ci'], 'posix');
    expect(diff).toEqual({
      approved: ['npm ci', 'npm run build'],
      run: ['npm install', '[posix] npm ci'],
      added: ['npm install', '[posix] npm ci'],
      skipped: ['npm ci'],
    });
  });
});
