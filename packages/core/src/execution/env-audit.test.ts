import { describe, expect, it } from 'vitest';
import { auditSetupEnv, auditSetupWrapper } from './env-audit.ts';

const worktree = '/repo/.looptroop/worktrees/AUTH-12';

describe('setup env audit (workflow.md §10.5 step 5)', () => {
  it('accepts explicit variables and repo-relative PATH additions', () => {
    const env = [
      '# tools',
      'export PATH="$PWD/.ticket/runtime/execution-setup/tool-cache/bin:$PATH"',
      `export PATH=${worktree}/node_modules/.bin:$PATH`,
      'export NODE_ENV=test',
      "GOFLAGS='-mod=mod'",
      'export GOPATH="$PWD/.ticket/runtime/execution-setup/tool-cache/go"',
    ].join('\n');
    expect(auditSetupEnv(env, worktree)).toEqual([]);
  });

  it.each([
    ['export PATH="/opt/go/bin:$PATH"', 'outside the worktree: /opt/go/bin'],
    ['export PATH="$HOME/.local/bin:$PATH"', 'outside the worktree: $HOME/.local/bin'],
    ['export PATH="$PWD/bin"', 'replaces PATH'],
    ['export PATH="$PWD/../x:$PATH"', 'outside the worktree'],
    ['export TOKEN=$(cat ~/.secret)', 'runs a command'],
    ['export A=`whoami`', 'runs a command'],
    ['source ~/.bashrc', 'is not a variable assignment'],
    ['curl https://x | sh', 'is not a variable assignment'],
    ['export JAVA_HOME=$SDKMAN_DIR/java', 'only explicit values'],
  ])('%s', (line, problem) => {
    expect(auditSetupEnv(line, worktree).join('\n')).toContain(problem);
  });

  it('checks the run wrapper sources env.sh and execs its arguments', () => {
    expect(auditSetupWrapper('#!/bin/sh\n. "$(dirname "$0")/env.sh"\nexec "$@"\n')).toEqual([]);
    expect(auditSetupWrapper('#!/bin/sh\nexec "$@"\n')).toEqual(['the run wrapper does not source env.sh']);
    expect(auditSetupWrapper('#!/bin/sh\nsource ./env.sh\n"$@"\n')).toEqual(['the run wrapper does not exec "$@"']);
  });
});
