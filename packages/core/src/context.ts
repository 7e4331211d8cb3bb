import type { Config } from './config.ts';
import { type Db, openDb } from './db/client.ts';
import { EventBus } from './events/bus.ts';
import { createHealthService } from './health/service.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { createProfileService } from './profile/service.ts';
import { createProjectService } from './projects/service.ts';
import { createTicketService } from './tickets/service.ts';
import type { TrpcContext } from './trpc.ts';
import { createWorkflowService } from './workflow/service.ts';

/** Side-effect ports a caller may replace (tests pass a fixed clock). Real implementations by default. */
export interface Deps {
  clock: Clock;
}

function buildServices(config: Config, db: Db, deps: Deps, wasFresh: boolean) {
  const { clock } = deps;
  const events = new EventBus(db, clock);
  const profile = createProfileService(db, clock);
  const projects = createProjectService(db, clock);
  const tickets = createTicketService(db, clock, events);
  const workflow = createWorkflowService(db, clock, events, tickets);
  const health = createHealthService(
    db,
    clock,
    config,
    { wasFresh, startedAt: clock.now().getTime() },
    {
      profile,
      projects,
    },
  );
  return { config, events, profile, projects, tickets, workflow, health };
}

export type Services = ReturnType<typeof buildServices>;

export interface Core {
  config: Config;
  db: Db;
  services: Services;
  close(): Promise<void>;
}

/** The composition root: open storage, build every service. The only place adapters are constructed. */
export async function createCore(config: Config, deps: Partial<Deps> = {}): Promise<Core> {
  const opened = await openDb(config.dbUrl, config.dbAuthToken);
  const services = buildServices(config, opened.db, { clock: deps.clock ?? systemClock }, opened.wasFresh);
  return {
    config,
    db: opened.db,
    services,
    async close() {
      opened.close();
    },
  };
}

/** tRPC context for one call (HTTP request or server-side caller). */
export function createContext(core: Core): TrpcContext {
  return { services: core.services, http: {} };
}
