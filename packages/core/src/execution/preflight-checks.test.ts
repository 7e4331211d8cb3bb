import { describe, expect, it } from 'vitest';
import { type PreflightFacts, runPreflightChecks } from './preflight-checks.ts';
import { classifyUntracked, parsePorcelain } from './worktree-status.ts';

const bead = (id: string, blockedBy: string[] = [], priority = 1) => ({
  id,
  priority,
  status: 'pending',
  dependencies: { blocked_by: blockedBy },
  targetFiles: ['src/a.js'],
});

const healthy = (): PreflightFacts => ({
  opencode: { healthy: true, version: '1.18.33' },
  model: { id: 'scripted/alpha', variant: null, available: true },
  probe: { reply: 'OK', error: null, sessionAttempts: 1 },
  workspace: { exists: true, writable: true },
  artifacts: { relevantFiles: true, interview: true, prd: true, beads: true, beadsApproved: true },
  beads: [bead('a'), bead('b', ['a'], 2)],
  git: { worktreeExists: true, branch: 'AUTH-12', changed: [], untracked: [] },
  delivery: {
    provider: 'github',
    tokenSource: 'GITHUB_TOKEN',
    repoReachable: true,
    remote: 'https://github.com/o/r.git',
  },
  band: { holder: null, message: null },
  maxIterations: 5,
});

const statusOf = (facts: PreflightFacts, id: string) => runPreflightChecks(facts).find((c) => c.id === id);

describe('pre-flight checks (workflow.md §10.2)', () => {
  it('passes every check on a healthy ticket', () => {
    const checks = runPreflightChecks(healthy());
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual([
      'opencode_healthy',
      'main_implementer_available',
      'capability_probe',
      'workspace',
      'relevant_files',
      'interview',
      'prd',
      'beads',
      'beads_approval',
      'dependency_graph',
      'runnable_bead',
      'worktree',
      'clean_worktree',
      'delivery',
      'execution_band',
      'max_iterations',
    ]);
  });

  it.each<[string, (f: PreflightFacts) => void, string, 'fail' | 'warn', string]>([
    [
      'OpenCode down',
      (f) => {
        f.opencode = { healthy: false, version: null, error: 'ECONNREFUSED' };
      },
      'opencode_healthy',
      'fail',
      'ECONNREFUSED',
    ],
    [
      'model missing',
      (f) => {
        f.model.available = false;
      },
      'main_implementer_available',
      'fail',
      'scripted/alpha',
    ],
    [
      'probe answers more than OK',
      (f) => {
        f.probe = { reply: 'OK, done!', error: null, sessionAttempts: 1 };
      },
      'capability_probe',
      'fail',
      'exactly OK',
    ],
    [
      'probe not run',
      (f) => {
        f.probe = null;
      },
      'capability_probe',
      'fail',
      'could not run',
    ],
    [
      'relevant files missing is only a warning',
      (f) => {
        f.artifacts.relevantFiles = false;
      },
      'relevant_files',
      'warn',
      'missing',
    ],
    [
      'no approval receipt',
      (f) => {
        f.artifacts.beadsApproved = false;
      },
      'beads_approval',
      'fail',
      'no approval receipt',
    ],
    [
      'a dangling dependency',
      (f) => {
        f.beads = [bead('a', ['ghost'])];
      },
      'dependency_graph',
      'fail',
      'a depends on unknown bead ghost',
    ],
    [
      'a self dependency',
      (f) => {
        f.beads = [bead('a', ['a'])];
      },
      'dependency_graph',
      'fail',
      'a depends on itself',
    ],
    [
      'a duplicate id',
      (f) => {
        f.beads = [bead('a'), bead('a')];
      },
      'dependency_graph',
      'fail',
      'Duplicate bead id a',
    ],
    [
      'a cycle',
      (f) => {
        f.beads = [bead('a', ['b']), bead('b', ['a'])];
      },
      'dependency_graph',
      'fail',
      'Dependency cycle',
    ],
    [
      'nothing runnable',
      (f) => {
        f.beads = [bead('a', ['b']), bead('b', ['a'])];
      },
      'runnable_bead',
      'fail',
      'No bead can run now',
    ],
    [
      'detached HEAD',
      (f) => {
        f.git.branch = null;
      },
      'worktree',
      'fail',
      'detached',
    ],
    [
      'a modified tracked file',
      (f) => {
        f.git.changed = ['src/index.js'];
      },
      'clean_worktree',
      'fail',
      'src/index.js',
    ],
    [
      'an untracked source file',
      (f) => {
        f.git.untracked = ['src/new.js'];
      },
      'clean_worktree',
      'fail',
      'src/new.js',
    ],
    [
      'untracked noise is a warning',
      (f) => {
        f.git.untracked = ['npm-debug.log', 'node_modules/'];
      },
      'untracked_noise',
      'warn',
      '*.log node_modules/',
    ],
    [
      'GitHub without a token',
      (f) => {
        f.delivery = { ...f.delivery, tokenSource: null };
      },
      'delivery',
      'fail',
      'GITHUB_TOKEN or GH_TOKEN',
    ],
    [
      'GitHub does not answer',
      (f) => {
        f.delivery = { ...f.delivery, repoReachable: false, error: '404' };
      },
      'delivery',
      'fail',
      '404',
    ],
    [
      'another remote → plain git, said so',
      (f) => {
        f.delivery = { provider: 'git', tokenSource: null, repoReachable: null, remote: 'git@gitlab.com:o/r.git' };
      },
      'delivery',
      'warn',
      'plain git',
    ],
    [
      'no remote at all',
      (f) => {
        f.delivery = { provider: 'git', tokenSource: null, repoReachable: null, remote: null };
      },
      'delivery',
      'warn',
      'no origin remote',
    ],
    [
      'another ticket in the band',
      (f) => {
        f.band = { holder: 'AUTH-1', message: 'AUTH-1 is already in the execution band' };
      },
      'execution_band',
      'fail',
      'AUTH-1',
    ],
    [
      'maxIterations 0',
      (f) => {
        f.maxIterations = 0;
      },
      'max_iterations',
      'fail',
      'at least 1',
    ],
  ])('%s', (_name, change, id, status, text) => {
    const facts = healthy();
    change(facts);
    const found = statusOf(facts, id);
    expect(found?.status).toBe(status);
    expect(found?.message).toContain(text);
  });
});

describe('worktree status', () => {
  it('parses porcelain v1 -z, renames included', () => {
    expect(parsePorcelain(' M src/a.js\0R  new.js\0old.js\0?? notes/\0A  added.js\0')).toEqual({
      changed: ['src/a.js', 'new.js', 'added.js'],
      untracked: ['notes/'],
    });
  });

  it('splits untracked noise (with .gitignore suggestions) from real files', () => {
    expect(classifyUntracked(['dist/', 'a/b/.DS_Store', 'x.pyc', 'src/new.ts', '.env.local'])).toEqual({
      noise: [
        { path: 'dist/', suggestion: 'dist/' },
        { path: 'a/b/.DS_Store', suggestion: '.DS_Store' },
        { path: 'x.pyc', suggestion: '*.pyc' },
        { path: '.env.local', suggestion: '.env.local' },
      ],
      other: ['src/new.ts'],
    });
  });
});
