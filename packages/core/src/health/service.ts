import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import type { ProfileService } from '../profile/service.ts';
import type { ProjectService } from '../projects/service.ts';
import type { RecoveredTicket, StartupStatus } from './schema.ts';
import { readMeta, writeMetaOnce } from './store.ts';

const RESTORE_NOTICE_KEY = 'startup.restore_notice.dismissed_at';

export interface StartupFacts {
  wasFresh: boolean;
  startedAt: number;
}

export function createHealthService(
  db: Db,
  clock: Clock,
  config: Config,
  facts: StartupFacts,
  deps: { profile: ProfileService; projects: ProjectService },
) {
  // architecture.md §7.3: the storage snapshot is computed once per process, at the first read after boot.
  let storage: StartupStatus['storage'] | undefined;
  const recovered: RecoveredTicket[] = [];

  async function storageSnapshot(): Promise<StartupStatus['storage']> {
    if (storage) return storage;
    const profileRestored = !facts.wasFresh && (await deps.profile.get()) !== null;
    const projects = facts.wasFresh ? [] : await deps.projects.list();
    const kind = facts.wasFresh ? 'fresh' : profileRestored || projects.length > 0 ? 'restored' : 'empty_existing';
    storage = {
      kind,
      dbUrl: config.dbUrl,
      dataDir: config.dataDir,
      profileRestored,
      restoredProjectCount: projects.length,
      restoredProjects: projects.map(({ id, name, shortname, folderPath }) => ({ id, name, shortname, folderPath })),
    };
    return storage;
  }

  return {
    health() {
      return {
        status: 'ok' as const,
        timestamp: clock.isoNow(),
        uptime: (clock.now().getTime() - facts.startedAt) / 1000,
      };
    },

    /** Recovery reports what it did with each ticket at boot; shown by /api/health/startup. */
    recordRecovery(entry: RecoveredTicket) {
      recovered.push(entry);
    },

    async startup(): Promise<StartupStatus> {
      const snapshot = await storageSnapshot();
      const dismissedAt = await readMeta(db, RESTORE_NOTICE_KEY);
      return {
        storage: snapshot,
        recovery: { tickets: [...recovered] },
        ui: { restoreNotice: { shouldShow: snapshot.kind === 'restored' && !dismissedAt, dismissedAt } },
      };
    },

    async dismissRestoreNotice(): Promise<{ success: true; dismissedAt: string }> {
      const dismissedAt = await writeMetaOnce(db, RESTORE_NOTICE_KEY, clock.isoNow(), clock.isoNow());
      return { success: true, dismissedAt };
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
