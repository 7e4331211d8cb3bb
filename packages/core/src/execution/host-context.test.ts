import { describe, expect, it } from 'vitest';
import { describeHost, isOnPath } from './host-context.ts';

const facts = (over: Partial<Parameters<typeof describeHost>[0]>) => ({
  platform: 'linux',
  arch: 'x64',
  release: '6.8.0-generic',
  wslEnv: false,
  executables: new Set(['bash', 'sh', 'node']),
  ...over,
});

describe('describeHost (workflow.md §10.3 host context)', () => {
  it.each([
    ['linux', {}, { os: 'linux', wsl: false, preferredShell: 'posix' }],
    ['WSL by kernel release', { release: '5.15.0-microsoft-standard-WSL2' }, { os: 'linux', wsl: true }],
    ['WSL by environment', { wslEnv: true }, { os: 'linux', wsl: true }],
    ['macOS', { platform: 'darwin', arch: 'arm64' }, { os: 'macos', arch: 'arm64', preferredShell: 'posix' }],
    [
      'Windows with PowerShell',
      { platform: 'win32', executables: new Set(['cmd.exe', 'pwsh.exe']) },
      { os: 'windows', preferredShell: 'powershell' },
    ],
    ['Windows with cmd only', { platform: 'win32', executables: new Set(['cmd.exe']) }, { preferredShell: 'cmd' }],
  ])('%s', (_name, over, expected) => {
    expect(describeHost(facts(over))).toMatchObject(expected);
  });

  it('lists only the shells found on PATH, with their kind', () => {
    expect(describeHost(facts({})).shells).toEqual([
      { name: 'bash', kind: 'posix' },
      { name: 'sh', kind: 'posix' },
    ]);
  });

  it('finds Windows launchers by their extensions, case-insensitively', () => {
    expect(isOnPath('NPM', new Set(['npm.cmd']), 'win32')).toBe(true);
    expect(isOnPath('npm', new Set(['npm.cmd']), 'linux')).toBe(false);
  });
});
