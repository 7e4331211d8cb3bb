import { access, constants, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { z } from 'zod';
import { ShellKind } from './command-spec.ts';

// workflow.md §10.3: the backend supplies host context — OS (Windows / macOS / Linux, WSL treated as Linux),
// architecture, the available shells and the preferred one. The plan's copy is backend-owned.

export const HostShell = z.object({ name: z.string(), kind: ShellKind });

export const HostContext = z.object({
  os: z.enum(['windows', 'macos', 'linux']),
  wsl: z.boolean(),
  arch: z.string(),
  shells: z.array(HostShell),
  preferredShell: ShellKind,
});
export type HostContext = z.infer<typeof HostContext>;

export interface HostFacts {
  platform: string;
  arch: string;
  /** `os.release()`: WSL kernels say "microsoft". */
  release: string;
  /** Whether `WSL_DISTRO_NAME` / `WSL_INTEROP` are set. */
  wslEnv: boolean;
  /** Executable names found on PATH (lowercased on Windows). */
  executables: ReadonlySet<string>;
}

const SHELLS: { name: string; kind: ShellKind; files: string[] }[] = [
  { name: 'bash', kind: 'posix', files: ['bash', 'bash.exe'] },
  { name: 'sh', kind: 'posix', files: ['sh', 'sh.exe'] },
  { name: 'zsh', kind: 'posix', files: ['zsh'] },
  { name: 'pwsh', kind: 'powershell', files: ['pwsh', 'pwsh.exe', 'powershell.exe'] },
  { name: 'cmd', kind: 'cmd', files: ['cmd.exe'] },
];

/** Pure: the host context from gathered facts. */
export function describeHost(facts: HostFacts): HostContext {
  const wsl = facts.platform === 'linux' && (facts.wslEnv || /microsoft/i.test(facts.release));
  const os = facts.platform === 'win32' ? 'windows' : facts.platform === 'darwin' ? 'macos' : 'linux';
  const shells = SHELLS.filter((s) => s.files.some((f) => facts.executables.has(f))).map(({ name, kind }) => ({
    name,
    kind,
  }));
  const has = (kind: ShellKind) => shells.some((s) => s.kind === kind);
  // Windows prefers PowerShell, then cmd (always present); everything else a POSIX shell.
  const preferredShell: ShellKind =
    os === 'windows' ? (has('powershell') ? 'powershell' : has('posix') && !has('cmd') ? 'posix' : 'cmd') : 'posix';
  return { os, wsl, arch: facts.arch, shells, preferredShell };
}

/** Every executable file name on `PATH` (what "a launcher is available" means for the plan and the probes). */
export async function listPathExecutables(pathValue: string, platform: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of pathValue.split(delimiter).filter(Boolean)) {
    const entries = await readdir(dir).catch(() => [] as string[]);
    for (const entry of entries) {
      if (platform === 'win32') {
        names.add(entry.toLowerCase());
        continue;
      }
      const ok = await access(join(dir, entry), constants.X_OK).then(
        () => true,
        () => false,
      );
      if (ok) names.add(entry);
    }
  }
  return names;
}

/** Is `launcher` runnable on this host, given the PATH executables (Windows also tries the usual extensions)? */
export function isOnPath(launcher: string, executables: ReadonlySet<string>, platform: string): boolean {
  if (platform !== 'win32') return executables.has(launcher);
  const lower = launcher.toLowerCase();
  return ['', '.exe', '.cmd', '.bat', '.ps1'].some((ext) => executables.has(`${lower}${ext}`));
}
