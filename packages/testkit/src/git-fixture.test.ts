import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { createTempDir, createTempRepo } from './git-fixture.ts';

describe('createTempRepo', () => {
  it('makes a repo with one commit on main, pushed to a bare origin, with a local identity', async () => {
    const repo = await createTempRepo({ files: { 'a.txt': 'A\n', 'deep/b.txt': 'B\n' } });
    try {
      expect(readFileSync(join(repo.dir, 'deep/b.txt'), 'utf8')).toBe('B\n');
      expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
      expect((await repo.simpleGit.log()).all.map((c) => c.message)).toEqual(['initial commit']);
      expect(repo.git('config', '--local', 'user.email').trim()).toBe('looptroop@example.com');
      expect(await repo.simpleGit.status()).toMatchObject({ files: [], tracking: 'origin/main' });

      expect(repo.originDir).not.toBeNull();
      const origin = simpleGit({ baseDir: repo.originDir ?? '' });
      expect((await origin.raw(['rev-parse', '--is-bare-repository'])).trim()).toBe('true');
      expect((await origin.revparse(['main'])).trim()).toBe(repo.git('rev-parse', 'HEAD').trim());
    } finally {
      await repo.cleanup();
    }
    expect(existsSync(repo.dir)).toBe(false);
    expect(existsSync(repo.originDir ?? '')).toBe(false);
  });

  it('has no remote with withOrigin false, and records a given originUrl without pushing', async () => {
    const bare = await createTempRepo({ withOrigin: false });
    const github = await createTempRepo({ originUrl: 'https://github.com/acme/widgets.git' });
    try {
      expect(bare.originDir).toBeNull();
      expect(await bare.simpleGit.getRemotes()).toEqual([]);
      expect(readFileSync(join(bare.dir, 'src/index.js'), 'utf8')).toContain('hello');
      expect(github.originDir).toBeNull();
      expect(github.git('remote', 'get-url', 'origin').trim()).toBe('https://github.com/acme/widgets.git');
    } finally {
      await bare.cleanup();
      await github.cleanup();
    }
  });
});

describe('createTempDir', () => {
  it('creates a fresh directory under the OS temp dir and removes it on cleanup', async () => {
    const temp = await createTempDir('lt-fixture-');
    expect(temp.dir).toMatch(/lt-fixture-/);
    expect(existsSync(temp.dir)).toBe(true);
    await temp.cleanup();
    expect(existsSync(temp.dir)).toBe(false);
  });
});
