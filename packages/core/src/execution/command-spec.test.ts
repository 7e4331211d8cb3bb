import { describe, expect, it } from 'vitest';
import { commandEvidenceProblem, exercisesProject } from './command-evidence.ts';
import { CommandInput, type CommandSpec, commandText, launcherOf, toInvocation } from './command-spec.ts';

const exec = (program: string, args: string[] = [], cwd = '.'): CommandSpec => ({
  kind: 'exec',
  program,
  args,
  cwd,
  env: {},
  timeoutSeconds: null,
});
const script = (text: string, shell: 'posix' | 'cmd' | 'powershell' = 'posix'): CommandSpec => ({
  kind: 'script',
  shell,
  script: text,
  cwd: '.',
  env: {},
  timeoutSeconds: null,
});

describe('command specs (workflow.md §10.3)', () => {
  it('keeps a legacy string as a string until the host shell is known', () => {
    expect(CommandInput.parse('npm test')).toBe('npm test');
  });

  it('refuses a command with both program and script, or with neither', () => {
    expect(CommandInput.safeParse({ program: 'node', shell: 'posix', script: 'x' }).success).toBe(false);
    expect(CommandInput.safeParse({ args: ['x'] }).success).toBe(false);
  });

  it.each([
    [exec('node', ['--test']), 'node --test'],
    [
      { ...exec('node', ['-e', 'console.log(1)'], 'pkg'), env: { A: 'b c' } },
      "(in pkg) A='b c' node -e 'console.log(1)'",
    ],
    [script('npm ci && npm test'), '[posix] npm ci && npm test'],
  ])('reads as text', (spec, text) => {
    expect(commandText(spec)).toBe(text);
  });

  it.each([
    [exec('node', ['--test']), 'node'],
    [script('FOO=1 pnpm test'), 'pnpm'],
    [script('"./gradlew" build'), './gradlew'],
  ])('names its launcher', (spec, launcher) => {
    expect(launcherOf(spec)).toBe(launcher);
  });

  it.each([
    [exec('node', ['--test']), { file: 'node', args: ['--test'] }],
    [script('node --test'), { file: 'sh', args: ['-c', 'node --test'] }],
    [script('dir', 'cmd'), { file: 'cmd.exe', args: ['/d', '/s', '/c', 'dir'] }],
    [
      script('Get-ChildItem', 'powershell'),
      { file: 'pwsh', args: ['-NoProfile', '-NonInteractive', '-Command', 'Get-ChildItem'] },
    ],
  ])('starts the program or the named shell', (spec, invocation) => {
    expect(toInvocation(spec)).toEqual(invocation);
  });
});

describe('probes that exercise the real project (§10.3)', () => {
  it.each([
    [exec('node', ['--version']), false],
    [exec('node', ['-v']), false],
    [exec('go', ['version']), false],
    [exec('which', ['node']), false],
    [script('command -v node'), false],
    [exec('node'), false],
    [exec('node', ['--test']), true],
    [exec('node', ['-e', "require('./src/index.js')"]), true],
    [exec('pytest'), true],
    [script('node --version && node --test'), true],
    [script('node --version; npm --version'), false],
  ])('%o → %s', (spec, expected) => {
    expect(exercisesProject(spec)).toBe(expected);
  });
});

describe('command evidence: never invented (§10.3)', () => {
  const repo = {
    files: new Set(['package.json', 'web/package.json', 'go.mod', 'Makefile']),
    packageScripts: new Map([
      ['.', new Set(['test', 'lint'])],
      ['web', new Set(['build'])],
    ]),
  };
  it.each<[CommandSpec, string | null]>([
    [exec('npm', ['test']), null],
    [exec('npm', ['run', 'lint']), null],
    [exec('pnpm', ['lint']), null],
    [exec('yarn', ['build'], 'web'), null],
    [exec('npm', ['ci']), null],
    [exec('npm', ['--version']), null],
    [
      exec('npm', ['run', 'typecheck']),
      '"npm run typecheck" runs the script "typecheck", which package.json does not define',
    ],
    [exec('pnpm', ['build']), '"pnpm build" runs the script "build", which package.json does not define'],
    [exec('npm', ['test'], 'api'), '"(in api) npm test" runs a package script but api/package.json does not exist'],
    [script('npm run e2e'), '"[posix] npm run e2e" runs the script "e2e", which package.json does not define'],
    [exec('go', ['test', './...']), null],
    [exec('make', ['check']), null],
    [exec('cargo', ['test']), '"cargo test" needs Cargo.toml, which the repository does not have'],
    [exec('cargo', ['--version']), null],
    [exec('node', ['--test']), null],
  ])('%o', (spec, problem) => {
    expect(commandEvidenceProblem(spec, repo)).toBe(problem);
  });
});
