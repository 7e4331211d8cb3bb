import { argumentsOf, type CommandSpec, commandText, launcherOf } from './command-spec.ts';

// workflow.md §10.3 "Command evidence": a launcher that belongs to a manifest needs that manifest and task in the
// repo (an npm script needs package.json with the script). A tool that is merely installed globally is not evidence;
// a missing launcher backed by the repo (go.mod) is a valid setup requirement.

/** What the backend read from the checkout: its tracked files and each package.json's scripts by folder. */
export interface RepoEvidence {
  files: ReadonlySet<string>;
  /** Folder (`.` for the root) → script names of the package.json there. */
  packageScripts: ReadonlyMap<string, ReadonlySet<string>>;
}

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
/** Package-manager subcommands that are not scripts (they need only the manifest). */
const PM_BUILTINS = new Set([
  'install',
  'i',
  'ci',
  'add',
  'remove',
  'exec',
  'dlx',
  'x',
  'why',
  'list',
  'ls',
  'outdated',
  'audit',
  'config',
  'init',
  'create',
  'link',
  'rebuild',
  'prune',
  'update',
  'up',
  'fetch',
  'store',
  'cache',
  'help',
  'version',
  '--version',
  '-v',
]);
/** npm's own shorthands for scripts (`npm test` runs the `test` script). */
const NPM_SCRIPT_SHORTHANDS = new Set(['test', 't', 'start', 'stop', 'restart']);

/** Launchers that belong to a manifest: the command needs one of these files in its folder. */
const MANIFESTS: Record<string, string[]> = {
  cargo: ['Cargo.toml'],
  go: ['go.mod'],
  mvn: ['pom.xml'],
  './mvnw': ['pom.xml'],
  gradle: ['build.gradle', 'build.gradle.kts'],
  './gradlew': ['build.gradle', 'build.gradle.kts'],
  make: ['Makefile', 'makefile', 'GNUmakefile'],
  poetry: ['pyproject.toml'],
  uv: ['pyproject.toml'],
  tox: ['tox.ini', 'pyproject.toml'],
  just: ['justfile', 'Justfile', '.justfile'],
  bundle: ['Gemfile'],
  composer: ['composer.json'],
};
/** Subcommands that do not touch the project (`go version`), so they need no manifest. */
const MANIFEST_FREE = new Set(['version', '--version', '-v', '-V', 'help', '--help', 'env']);

const inFolder = (cwd: string, file: string) => (cwd === '.' ? file : `${cwd}/${file}`);

/** The evidence problem of one command, or null (unknown launchers are not judged). */
export function commandEvidenceProblem(spec: CommandSpec, repo: RepoEvidence): string | null {
  const launcher = launcherOf(spec);
  const args = argumentsOf(spec).filter((a) => !a.startsWith('-') || a === '--version' || a === '-v');
  const text = commandText(spec);
  if (PACKAGE_MANAGERS.has(launcher)) {
    const [first, second] = args;
    if (!first || PM_BUILTINS.has(first)) {
      if (first && first !== 'help' && !MANIFEST_FREE.has(first) && !repo.files.has(inFolder(spec.cwd, 'package.json')))
        return `"${text}" needs ${inFolder(spec.cwd, 'package.json')}, which the repository does not have`;
      return null;
    }
    const script =
      first === 'run' || first === 'run-script'
        ? second
        : launcher === 'npm' && !NPM_SCRIPT_SHORTHANDS.has(first)
          ? null
          : first;
    if (script === null) return null; // other npm subcommands are not scripts
    if (!script) return `"${text}" names no script`;
    const scripts = repo.packageScripts.get(spec.cwd);
    if (!scripts) return `"${text}" runs a package script but ${inFolder(spec.cwd, 'package.json')} does not exist`;
    if (!scripts.has(script))
      return `"${text}" runs the script "${script}", which ${inFolder(spec.cwd, 'package.json')} does not define`;
    return null;
  }
  const manifests = MANIFESTS[launcher];
  if (!manifests || (args[0] && MANIFEST_FREE.has(args[0]))) return null;
  if (manifests.some((m) => repo.files.has(inFolder(spec.cwd, m)))) return null;
  return `"${text}" needs ${manifests.map((m) => inFolder(spec.cwd, m)).join(' or ')}, which the repository does not have`;
}

const VERSION_ARGS = new Set(['--version', '-v', '-V', 'version', '--help', '-h', 'help']);
const LOOKUP_LAUNCHERS = new Set(['which', 'where', 'where.exe', 'command', 'type', 'Get-Command', 'hash']);

/**
 * §10.3: does the probe load or exercise the real project? A version or help check, or a launcher lookup, does
 * not — it proves the tool exists, not that the project works with it.
 */
export function exercisesProject(spec: CommandSpec): boolean {
  const launcher = launcherOf(spec);
  if (!launcher || LOOKUP_LAUNCHERS.has(launcher)) return false;
  const args = argumentsOf(spec);
  if (spec.kind === 'script' && /[;&|]/.test(spec.script)) {
    // a compound script exercises the project when any part of it does
    return spec.script
      .split(/&&|\|\||[;|]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .some((part) => exercisesProject({ ...spec, script: part }));
  }
  // A bare interpreter or manager (`node`, `cargo`) only opens a prompt or prints help; a bare `pytest` runs tests.
  if (args.length === 0) return !BARE_NON_PROJECT.has(launcher);
  return !args.every((a) => VERSION_ARGS.has(a));
}

const BARE_NON_PROJECT = new Set([
  'node',
  'python',
  'python3',
  'ruby',
  'deno',
  'bun',
  'npm',
  'pnpm',
  'yarn',
  'cargo',
  'go',
]);
