import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFiles } from './node-files.ts';

// The real workspace files on a temp folder: reads, atomic writes, removal, and every way out of the root refused.

describe('node workspace files', () => {
  let dir: string;
  let root: string;
  const files = createNodeFiles();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-files-'));
    root = join(dir, 'worktree');
    await mkdir(root);
    await writeFile(join(dir, 'secret.txt'), 'outside');
    await symlink(dir, join(root, 'escape'));
    await symlink(join(dir, 'secret.txt'), join(root, 'secret-link.txt'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes atomically into new folders, reads back, and leaves no temp file', async () => {
    await files.write(root, '.ticket/runtime/notes.md', 'one');
    await files.write(root, '.ticket/runtime/notes.md', 'two');
    expect(await files.read(root, '.ticket/runtime/notes.md')).toBe('two');
    expect(await readdir(join(root, '.ticket/runtime'))).toEqual(['notes.md']);
    expect(await files.exists(root, '.ticket/runtime/notes.md')).toBe(true);
  });

  it('answers null and false for a missing file, and removes files and folders idempotently', async () => {
    expect(await files.read(root, 'missing.txt')).toBeNull();
    expect(await files.exists(root, 'missing.txt')).toBe(false);
    await files.write(root, 'tmp/a/b.txt', 'x');
    await files.remove(root, 'tmp');
    await files.remove(root, 'tmp');
    expect(await files.exists(root, 'tmp')).toBe(false);
  });

  it('writes under a root that does not exist yet, creating it', async () => {
    const fresh = join(dir, 'not-yet');
    await files.write(fresh, '.ticket/interview.yaml', 'q: 1');
    expect(await readFile(join(fresh, '.ticket/interview.yaml'), 'utf8')).toBe('q: 1');
    await expect(files.write(join(dir, 'missing'), '../secret.txt', 'x')).rejects.toMatchObject({
      kind: 'invalid_input',
    });
  });

  it.each([
    ['a parent path', '../secret.txt'],
    ['a nested parent path', 'src/../../secret.txt'],
    ['an absolute path', join(tmpdir(), 'secret.txt')],
    ['a symlinked folder leading out', 'escape/secret.txt'],
    ['a symlinked file leading out', 'secret-link.txt'],
    ['the root itself', '.'],
  ])('refuses %s', async (_, path) => {
    await expect(files.read(root, path)).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(files.write(root, path, 'pwned')).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(files.remove(root, path)).rejects.toMatchObject({ kind: 'invalid_input' });
    expect(await readFile(join(dir, 'secret.txt'), 'utf8')).toBe('outside');
  });
});
