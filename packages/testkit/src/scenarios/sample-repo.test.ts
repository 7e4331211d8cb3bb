import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../git-fixture.ts';
import { ACCEPTANCE_TEST, createSampleRepo, SAMPLE_CODE, SMOKE_TEST } from './sample-repo.ts';

// The sample repository's promise to the coding scenarios: its acceptance test really fails before the beads' code
// and really passes after it, and the first password-login attempt really fails its own test.

const nodeTest = (repo: TempRepo, ...files: string[]) => {
  const run = spawnSync(process.execPath, ['--test', ...files], { cwd: repo.dir, encoding: 'utf8' });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
};

describe('the sample repository', () => {
  let repo: TempRepo;
  afterEach(() => repo?.cleanup());

  it('fails its acceptance test before the beads and passes it after their code, with a clean first commit', async () => {
    repo = await createSampleRepo({ withOrigin: false });
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(nodeTest(repo, SMOKE_TEST).code).toBe(0);
    const before = nodeTest(repo, ACCEPTANCE_TEST);
    expect(before.code).not.toBe(0);
    expect(before.output).toContain('# fail 1');

    writeFileSync(join(repo.dir, 'src/session.js'), SAMPLE_CODE.session);
    writeFileSync(join(repo.dir, 'test/session.test.js'), SAMPLE_CODE.sessionTest);
    writeFileSync(join(repo.dir, 'src/auth.js'), SAMPLE_CODE.authBuggy);
    writeFileSync(join(repo.dir, 'test/auth.test.js'), SAMPLE_CODE.authTest);
    const buggy = nodeTest(repo, 'test/session.test.js', 'test/auth.test.js');
    expect(buggy.output).toContain('# pass 3');
    expect(buggy.output).toContain('# fail 1');

    writeFileSync(join(repo.dir, 'src/auth.js'), SAMPLE_CODE.auth);
    expect(nodeTest(repo, 'test/auth.test.js').output).toContain('# fail 0');
    appendFileSync(join(repo.dir, 'src/auth.js'), SAMPLE_CODE.sso);
    writeFileSync(join(repo.dir, 'test/final-login.test.js'), SAMPLE_CODE.finalTest);
    const after = nodeTest(repo, ACCEPTANCE_TEST, 'test/final-login.test.js', SMOKE_TEST);
    expect(after.code, after.output).toBe(0);
    expect(after.output).toContain('# pass 5');
  });
});
