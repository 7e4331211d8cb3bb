import type { CommandTable } from '../run.ts';

/**
 * Every command the published `looptroop` package ships. `demo` is not here: it runs testkit's scripted model, which
 * only a checkout has (`checkout-main.ts` adds it), so a production install never pulls testkit in.
 */
export const productCommands: CommandTable = {
  start: async () => (await import('./start.ts')).start,
  status: async () => (await import('./status.ts')).status,
  projects: async () => (await import('./projects.ts')).projects,
  tickets: async () => (await import('./tickets.ts')).tickets,
  interview: async () => (await import('./interview.ts')).interview,
  prd: async () => (await import('./prd.ts')).prd,
  beads: async () => (await import('./beads.ts')).beads,
  setup: async () => (await import('./setup.ts')).setup,
  pr: async () => (await import('./pr.ts')).pr,
  diff: async () => (await import('./diff.ts')).diff,
  logs: async () => (await import('./logs.ts')).logs,
  models: async () => (await import('./models.ts')).models,
  openapi: async () => (await import('./openapi.ts')).openapi,
};
