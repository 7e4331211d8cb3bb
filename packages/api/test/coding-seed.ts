import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Bead, writePlan } from '@looptroop/core';
import type { TestServer } from './harness.ts';

// Until the CODING phase runs end to end, the surface tests seed what it leaves behind (CONTRACTS.md 1–5): a ticket
// in CODING with a real worktree on its own branch, a bead plan with execution state, bead commits and their diffs.

export interface CodingTicket {
  ref: string;
  worktree: string;
  git(...args: string[]): string;
  /** Write files in the worktree and commit them (`.ticket/` paths forced past the ignore rules); the new commit. */
  commit(files: Record<string, string>, message: string): string;
  /** Replace the plan the way coding's updateBeads does: a new `beads` artifact version plus its JSONL mirror. */
  writeBeads(beads: Bead[]): Promise<void>;
  /** The `bead_diff:{beadId}` capture of CONTRACTS 3, code only, between two commits. */
  captureDiff(beadId: string, from: string, to: string): Promise<void>;
}

export async function seedCodingTicket(server: TestServer, repo: string, projectId: number): Promise<CodingTicket> {
  const ticket = await server.call('POST', '/api/tickets', { projectId, title: 'Bead progress' });
  const ref = ticket.json.id as string;
  const worktree = join(repo, '.looptroop', 'worktrees', ref);
  execFileSync('git', ['worktree', 'add', '-q', '-b', ref, worktree, 'main'], { cwd: repo, stdio: 'pipe' });
  await server.core.db.run(
    `UPDATE tickets SET status = 'CODING', branch_name = '${ref}', base_branch = 'main', worktree_path = '${worktree}' WHERE external_id = '${ref}'`,
  );
  const git = (...args: string[]) => execFileSync('git', args, { cwd: worktree, stdio: 'pipe' }).toString().trim();
  const row = () => server.core.services.tickets.resolve(ref);
  return {
    ref,
    worktree,
    git,
    commit(files, message) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(worktree, path)), { recursive: true });
        writeFileSync(join(worktree, path), content);
        git('add', '-f', path);
      }
      git('commit', '-qm', message);
      return git('rev-parse', 'HEAD');
    },
    async writeBeads(beads) {
      await writePlan(server.core.services.artifacts, await row(), 'CODING', beads);
    },
    async captureDiff(beadId, from, to) {
      const diff = git('diff', from, to, '--', '.', ':(exclude).ticket');
      await server.core.services.artifacts.write(await row(), 'CODING', `bead_diff:${beadId}`, diff);
    },
  };
}
