import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

// §10.5 step 7 / §4.8: a retry or rewind clears the stale profile mirror and wrapper outputs but keeps the tool cache.

export const SETUP_RUNTIME_DIR = '.ticket/runtime/execution-setup';
export const TOOL_CACHE_DIR = `${SETUP_RUNTIME_DIR}/tool-cache`;
export const PROFILE_MIRROR = '.ticket/runtime/execution-setup-profile.json';

export async function clearSetupRuntime(worktree: string): Promise<void> {
  await rm(join(worktree, PROFILE_MIRROR), { force: true });
  const dir = join(worktree, SETUP_RUNTIME_DIR);
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (entry === 'tool-cache') continue;
    await rm(join(dir, entry), { recursive: true, force: true });
  }
}
