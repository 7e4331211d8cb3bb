// workflow.md §10.5 step 5: the setup env (`.ticket/runtime/execution-setup/env.sh`) may contain only repo-relative
// PATH additions and explicit variables — nothing that runs code when a later command sources it.

export const SETUP_ENV_FILE = '.ticket/runtime/execution-setup/env.sh';
export const SETUP_WRAPPER_FILE = '.ticket/runtime/execution-setup/run';

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
/** `${NAME}`, spelled without a template-looking literal. */
const braced = (name: string) => ['$', '{', name, '}'].join('');
const WORKTREE_VARS = ['$PWD', braced('PWD'), '$LOOPTROOP_WORKTREE', braced('LOOPTROOP_WORKTREE')];
const PATH_REFS = ['$PATH', braced('PATH')];

const unquote = (value: string) => {
  const v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
};

/** Is one PATH element repo-relative (relative, under a worktree variable, or an absolute path inside the worktree)? */
function isRepoPathElement(element: string, worktree: string): boolean {
  if (PATH_REFS.includes(element)) return true;
  if (!element || element.includes('..')) return false;
  if (WORKTREE_VARS.some((v) => element === v || element.startsWith(`${v}/`))) return true;
  if (element.startsWith('/')) return element === worktree || element.startsWith(`${worktree}/`);
  return !element.startsWith('$') && !element.startsWith('~');
}

/** Every line of env.sh that is not a comment, a blank, a repo-relative PATH addition or an explicit variable. */
export function auditSetupEnv(text: string, worktree: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line === 'set -e' || line === 'set -eu') return;
    const where = `env.sh line ${index + 1}`;
    const m = ASSIGNMENT.exec(line);
    if (!m) {
      problems.push(`${where} is not a variable assignment: ${line}`);
      return;
    }
    const [, name, rawValue = ''] = m;
    const value = unquote(rawValue);
    if (/\$\(|`/.test(value)) {
      problems.push(`${where} runs a command ($( ) or backticks) in ${name}`);
      return;
    }
    if (name === 'PATH') {
      const bad = value.split(':').filter((e) => !isRepoPathElement(e, worktree));
      if (bad.length) problems.push(`${where} adds PATH entries outside the worktree: ${bad.join(', ')}`);
      if (!value.split(':').some((e) => PATH_REFS.includes(e)))
        problems.push(`${where} replaces PATH instead of adding to it`);
      return;
    }
    if (/\$[A-Za-z_{]/.test(value.replace(/\$\{?PWD\}?|\$\{?LOOPTROOP_WORKTREE\}?/g, '')))
      problems.push(`${where} sets ${name} from another variable; only explicit values are allowed`);
  });
  return problems;
}

/** §10.5 step 2: the `run` wrapper must source env.sh and run its arguments (`exec "$@"`). */
export function auditSetupWrapper(text: string): string[] {
  const problems: string[] = [];
  if (!/(^|\n)\s*(\.|source)\s+["']?[^\n]*env\.sh/.test(text)) problems.push('the run wrapper does not source env.sh');
  if (!/exec\s+"\$@"/.test(text)) problems.push('the run wrapper does not exec "$@"');
  return problems;
}
