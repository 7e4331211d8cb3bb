import type { TempRepo } from '@looptroop/testkit';
import type { Db } from '../src/db/client.ts';
import { insertProject } from '../src/projects/store.ts';

/** Project APP on a temp repository, its bare origin as origin URL: the one project of the coding and delivery fixtures. */
export async function insertRepoProject(db: Db, repo: TempRepo, now: string) {
  const project = await insertProject(db, {
    name: 'App',
    shortname: 'APP',
    folderPath: repo.dir,
    icon: 'x',
    color: '#000',
    profileId: null,
    originUrl: repo.originDir,
    overrides: {},
    ticketCounter: 0,
    createdAt: now,
    updatedAt: now,
  });
  if (!project) throw new Error('no project');
  return project;
}
