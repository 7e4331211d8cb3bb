import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Bead, type Core, writePlan } from '@looptroop/core';

// Until a test drives a real CODING phase, the surface tests (API, CLI) seed what it leaves behind (CONTRACTS.md 1–5):
// a ticket in CODING with a real worktree on its own branch, a bead plan with execution state, bead commits and their
// diffs, through the same stores the phase writes with.

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
  /** One `bead_execution_metrics` row (CONTRACTS 5). */
  recordMetric(beadId: string, activeDurationMs: number, completedAt: string): Promise<void>;
}

/** A new ticket of `projectId` (whose repo is `repo`, on `main`) put into CODING with its worktree. */
export async function seedCodingTicket(core: Core, repo: string, projectId: number): Promise<CodingTicket> {
  const { id: ref } = await core.services.tickets.create({ projectId, title: 'Bead progress' });
  const worktree = join(repo, '.looptroop', 'worktrees', ref);
  execFileSync('git', ['worktree', 'add', '-q', '-b', ref, worktree, 'main'], { cwd: repo, stdio: 'pipe' });
  await core.db.run(
    `UPDATE tickets SET status = 'CODING', branch_name = '${ref}', base_branch = 'main', worktree_path = '${worktree}', visited_statuses = json_insert(visited_statuses, '$[#]', 'CODING') WHERE external_id = '${ref}'`,
  );
  const git = (...args: string[]) => execFileSync('git', args, { cwd: worktree, stdio: 'pipe' }).toString().trim();
  const row = () => core.services.tickets.resolve(ref);
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
      await writePlan(core.services.artifacts, await row(), 'CODING', beads);
    },
    async captureDiff(beadId, from, to) {
      const diff = git('diff', from, to, '--', '.', ':(exclude).ticket');
      await core.services.artifacts.write(await row(), 'CODING', `bead_diff:${beadId}`, diff);
    },
    async recordMetric(beadId, activeDurationMs, completedAt) {
      const { id } = await row();
      await core.db.run(
        `INSERT INTO bead_execution_metrics (ticket_id, bead_id, iterations, active_duration_ms, wall_clock_ms, completed_at) VALUES (${id}, '${beadId}', 1, ${activeDurationMs}, ${activeDurationMs}, '${completedAt}')`,
      );
    },
  };
}
