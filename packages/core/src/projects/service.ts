import { mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Db } from '../db/client.ts';
import { conflict, invalidInput, notFound } from '../errors.ts';
import { addIgnoreRule, excludeFileOf } from '../git/ignore.ts';
import { inspectRepo, isDirectory } from '../git/inspect.ts';
import { classifyRemote } from '../git/remote.ts';
import type { Clock } from '../lib/clock.ts';
import { isActive, TicketStatus } from '../lifecycle/statuses.ts';
import { listFolders } from './folder-browser.ts';
import {
  type CheckGitResult,
  EMPTY_OVERRIDES,
  type Project,
  type ProjectCreateInput,
  ProjectOverrides,
  type ProjectPatchInput,
} from './schema.ts';
import {
  deleteProject,
  insertProject,
  type ProjectRow,
  selectProject,
  selectProjectBy,
  selectProjects,
  selectTicketStatusCounts,
  updateProject,
} from './store.ts';

interface Counts {
  ticketCount: number;
  activeTicketCount: number;
}

export const LOOPTROOP_DIR = '.looptroop';

export function createProjectService(db: Db, clock: Clock) {
  async function countsByProject(): Promise<Map<number, Counts>> {
    const counts = new Map<number, Counts>();
    for (const row of await selectTicketStatusCounts(db)) {
      const entry = counts.get(row.projectId) ?? { ticketCount: 0, activeTicketCount: 0 };
      const n = Number(row.n);
      entry.ticketCount += n;
      const status = TicketStatus.safeParse(row.status);
      if (status.success && isActive(status.data)) entry.activeTicketCount += n;
      counts.set(row.projectId, entry);
    }
    return counts;
  }

  function toProject(row: ProjectRow, counts: Counts | undefined): Project {
    const overrides = ProjectOverrides.parse({ ...EMPTY_OVERRIDES, ...(row.overrides as object) });
    const remote = classifyRemote(row.originUrl);
    return {
      id: row.id,
      name: row.name,
      shortname: row.shortname,
      folderPath: row.folderPath,
      icon: row.icon,
      color: row.color,
      profileId: row.profileId,
      originUrl: row.originUrl,
      remoteKind: remote.kind,
      githubRepoSlug: remote.githubRepoSlug,
      ticketCounter: row.ticketCounter,
      ticketCount: counts?.ticketCount ?? 0,
      activeTicketCount: counts?.activeTicketCount ?? 0,
      ...overrides,
      councilMembers: overrides.councilMembers ? JSON.stringify(overrides.councilMembers) : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  async function requireRow(id: number): Promise<ProjectRow> {
    const row = await selectProject(db, id);
    if (!row) throw notFound('Project', { id });
    return row;
  }

  function pickOverrides(input: Partial<ProjectOverrides>): Partial<ProjectOverrides> {
    const picked: Partial<Record<keyof ProjectOverrides, unknown>> = {};
    for (const key of Object.keys(EMPTY_OVERRIDES) as (keyof ProjectOverrides)[]) {
      if (input[key] !== undefined) picked[key] = input[key];
    }
    return picked as Partial<ProjectOverrides>; // keys and values copied from a parsed ProjectOverrides subset
  }

  return {
    async list(): Promise<Project[]> {
      const counts = await countsByProject();
      return (await selectProjects(db)).map((row) => toProject(row, counts.get(row.id)));
    },

    async get(id: number): Promise<Project> {
      const row = await requireRow(id);
      return toProject(row, (await countsByProject()).get(id));
    },

    async row(id: number): Promise<ProjectRow> {
      return requireRow(id);
    },

    async checkGit(path: string | undefined): Promise<CheckGitResult> {
      const empty: CheckGitResult = {
        isGit: false,
        status: 'none',
        message: 'No folder given',
        scope: null,
        repoRoot: null,
        currentBranch: null,
        originUrl: null,
        remoteKind: 'none',
        isGithub: false,
        githubRepoSlug: null,
        hasLoopTroopState: false,
        existingProject: null,
      };
      if (!path?.trim()) return empty;
      if (path.includes('\0')) throw invalidInput('Path contains a NUL byte');
      if (!isAbsolute(path)) return { ...empty, status: 'invalid', message: 'Path must be absolute' };
      if (!(await isDirectory(path))) return { ...empty, status: 'invalid', message: 'Folder does not exist' };
      const repo = await inspectRepo(path);
      if (!repo.isRepo || !repo.root) {
        return { ...empty, status: 'invalid', message: 'Folder is not a git repository' };
      }
      const remote = classifyRemote(repo.originUrl);
      const existing = await selectProjectBy(db, 'folderPath', repo.root);
      const counts = existing ? (await countsByProject()).get(existing.id) : undefined;
      const scope = (await isSamePath(path, repo.root)) ? 'root' : 'subfolder';
      const remoteNote =
        remote.kind === 'github'
          ? `GitHub origin ${remote.githubRepoSlug}`
          : remote.kind === 'other'
            ? `origin ${remote.url} (delivered with plain git)`
            : 'no origin remote (the branch stays local)';
      return {
        isGit: true,
        status: 'valid',
        message: `Git repository at ${repo.root}; ${remoteNote}`,
        scope,
        repoRoot: repo.root,
        currentBranch: repo.currentBranch,
        originUrl: remote.url,
        remoteKind: remote.kind,
        isGithub: remote.kind === 'github',
        githubRepoSlug: remote.githubRepoSlug,
        hasLoopTroopState: await isDirectory(join(repo.root, LOOPTROOP_DIR)),
        existingProject: existing
          ? {
              id: existing.id,
              name: existing.name,
              shortname: existing.shortname,
              ticketCount: counts?.ticketCount ?? 0,
              activeTicketCount: counts?.activeTicketCount ?? 0,
            }
          : null,
      };
    },

    listFolders,

    async attach(input: ProjectCreateInput): Promise<Project> {
      if (!(await isDirectory(input.folderPath))) {
        throw invalidInput('Folder does not exist', { folderPath: input.folderPath });
      }
      const repo = await inspectRepo(input.folderPath);
      if (!repo.isRepo || !repo.root) {
        throw invalidInput('Folder is not a git repository', { folderPath: input.folderPath });
      }
      const byFolder = await selectProjectBy(db, 'folderPath', repo.root);
      if (byFolder) {
        throw conflict('This repository is already attached', { projectId: byFolder.id, folderPath: repo.root });
      }
      const byShortname = await selectProjectBy(db, 'shortname', input.shortname);
      if (byShortname) {
        throw conflict(`Shortname ${input.shortname} is already used by project "${byShortname.name}"`, {
          projectId: byShortname.id,
        });
      }
      const overrides = { ...EMPTY_OVERRIDES, ...pickOverrides(input) };
      await prepareLoopTroopDir(repo.root, overrides.ignoreMode ?? 'local');
      const now = clock.isoNow();
      const row = await insertProject(db, {
        name: input.name,
        shortname: input.shortname,
        folderPath: repo.root,
        icon: input.icon ?? '📁',
        color: input.color ?? '#3b82f6',
        profileId: input.profileId ?? null,
        originUrl: repo.originUrl,
        overrides,
        ticketCounter: 0,
        createdAt: now,
        updatedAt: now,
      });
      if (!row) throw new Error('project insert returned no row');
      return toProject(row, undefined);
    },

    async update(input: ProjectPatchInput): Promise<Project> {
      const row = await requireRow(input.id);
      const overrides = { ...EMPTY_OVERRIDES, ...(row.overrides as object), ...pickOverrides(input) };
      const updated = await updateProject(db, input.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.icon !== undefined && { icon: input.icon }),
        ...(input.color !== undefined && { color: input.color }),
        overrides,
        updatedAt: clock.isoNow(),
      });
      if (!updated) throw notFound('Project', { id: input.id });
      return toProject(updated, (await countsByProject()).get(input.id));
    },

    /**
     * workflow.md §2: refused while any ticket is active. architecture.md open point 7, decided: deleting removes
     * the project and its tickets from LoopTroop's database only; the repository (and any `.looptroop/` folder in
     * it) is never touched, so re-attaching is always safe.
     */
    async remove(id: number): Promise<{ success: true; projectRoot: string }> {
      const row = await requireRow(id);
      const counts = (await countsByProject()).get(id);
      if (counts && counts.activeTicketCount > 0) {
        throw conflict('Project has active tickets; cancel or finish them first', {
          activeTicketCount: counts.activeTicketCount,
        });
      }
      await deleteProject(db, id);
      return { success: true, projectRoot: row.folderPath };
    },
  };
}

async function isSamePath(a: string, b: string): Promise<boolean> {
  return (await realpath(a).catch(() => a)) === b;
}

/** architecture.md §2.1 git hygiene: `.looptroop/` must never be committed. */
async function prepareLoopTroopDir(root: string, mode: 'repo' | 'local' | 'skip') {
  await mkdir(join(root, LOOPTROOP_DIR), { recursive: true });
  if (mode === 'skip') return;
  const file = mode === 'repo' ? join(root, '.gitignore') : await excludeFileOf(root);
  await addIgnoreRule(file, `/${LOOPTROOP_DIR}/`);
}

export type ProjectService = ReturnType<typeof createProjectService>;
