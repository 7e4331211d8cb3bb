import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Everything the process reads from its environment and flags, parsed once. Nothing else touches process.env. */
export const Config = z.object({
  dataDir: z.string(),
  dbUrl: z.string(),
  dbAuthToken: z.string().optional(),
  host: z.string(),
  port: z.number().int().min(0).max(65535),
  opencodeUrl: z.string().url(),
  opencodePassword: z.string().optional(),
  opencodeUsername: z.string(),
  /** Start and supervise our own `opencode serve` when nothing answers at opencodeUrl. */
  manageOpencode: z.boolean(),
  heartbeatMs: z.number().int().positive(),
  sseMaxClientsPerTicket: z.number().int().positive(),
  sseMaxClientsTotal: z.number().int().positive(),
  /** Board streams (`?all=true`) have their own cap: one per open board tab, not one of a ticket's 6 (issue 17). */
  sseMaxBoardClients: z.number().int().positive(),
  maxBodyBytes: z.number().int().positive(),
  /** Token required when binding to a non-loopback host (spec README: "Auth and limits"). */
  apiToken: z.string().optional(),
  /** Host names accepted in the Host header besides the loopback names (architecture.md §12 host guard). */
  allowedHosts: z.array(z.string()),
  /** Origins accepted on state-changing requests besides the server's own (a reverse proxy's public origin). */
  allowedOrigins: z.array(z.string()),
  /** Trust X-Forwarded-For from a reverse proxy when telling loopback from remote clients (architecture.md §9.1). */
  trustProxy: z.boolean(),
  /** architecture.md §9.2: POST /tickets/:id/dev-event only with LOOPTROOP_DEV_EVENTS=1 and this token. */
  devEvents: z.boolean(),
  devEventToken: z.string().optional(),
  webDistDir: z.string().optional(),
  logLevel: z.enum(['error', 'warn', 'info', 'debug']),
  /** GitHub delivery (issue 14): `GITHUB_TOKEN`, else `GH_TOKEN`; never logged. Without one, `gh auth token` is asked. */
  githubToken: z.string().optional(),
  /** Which variable gave the token, for pre-flight's report (the token itself is never shown). */
  githubTokenEnv: z.enum(['GITHUB_TOKEN', 'GH_TOKEN']).optional(),
  /** REST base URL override (a GitHub stand-in, or an Enterprise API at an unusual address). */
  githubApiUrl: z.string().url().optional(),
  /** Extra hosts that are GitHub Enterprise Server (`LOOPTROOP_GITHUB_HOSTS`, comma-separated). */
  githubHosts: z.array(z.string()),
  /** workflow.md §10.11: how often a PR in review is re-read to pick up a merge done by hand. */
  reviewPollMs: z.number().int().positive(),
});
export type Config = z.infer<typeof Config>;

export interface ConfigFlags {
  dataDir?: string;
  host?: string;
  port?: number;
  dbUrl?: string;
  manageOpencode?: boolean;
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';
const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

/**
 * Issue 17: credentials in LOOPTROOP_OPENCODE_URL (`http://user:pass@host`) were echoed by /api/health/opencode and
 * in error messages. They become the Basic-auth username and password here, so the URL every other part of the
 * program sees (and may print) never holds them.
 */
function splitCredentials(raw: string): { url: string; username?: string; password?: string } {
  if (!URL.canParse(raw)) return { url: raw };
  const url = new URL(raw);
  if (!url.username && !url.password) return { url: raw };
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const bare = raw.endsWith('/') ? url.toString() : url.toString().replace(/\/$/, '');
  return { url: bare, ...(username && { username }), ...(password && { password }) };
}

/** Build the Config from env + flags (flags win). Pass `env` explicitly so tests never depend on the shell. */
export function loadConfig(env: Record<string, string | undefined>, flags: ConfigFlags = {}): Config {
  const dataDir = resolve(flags.dataDir ?? env.LOOPTROOP_HOME ?? join(homedir(), '.looptroop'));
  const opencode = splitCredentials(env.LOOPTROOP_OPENCODE_URL ?? 'http://127.0.0.1:4096');
  const dbUrl = flags.dbUrl ?? env.LOOPTROOP_DB_URL ?? `file:${join(dataDir, 'looptroop.db')}`;
  return Config.parse({
    dataDir,
    dbUrl,
    dbAuthToken: env.LOOPTROOP_DB_AUTH_TOKEN,
    host: flags.host ?? env.LOOPTROOP_HOST ?? '127.0.0.1',
    port: flags.port ?? (env.LOOPTROOP_PORT ? Number(env.LOOPTROOP_PORT) : 3000),
    opencodeUrl: opencode.url,
    opencodePassword: env.OPENCODE_SERVER_PASSWORD ?? opencode.password,
    opencodeUsername: env.OPENCODE_SERVER_USERNAME ?? opencode.username ?? 'opencode',
    manageOpencode: flags.manageOpencode ?? truthy(env.LOOPTROOP_MANAGE_OPENCODE),
    heartbeatMs: env.LOOPTROOP_HEARTBEAT_MS ? Number(env.LOOPTROOP_HEARTBEAT_MS) : 30_000,
    // architecture.md §12 "Input limits": SSE caps 6/ticket and 100 total; the env overrides exist for the bench suite's
    // 100 clients on one ticket (issue 15), never needed by users.
    sseMaxClientsPerTicket: env.LOOPTROOP_SSE_MAX_CLIENTS_PER_TICKET
      ? Number(env.LOOPTROOP_SSE_MAX_CLIENTS_PER_TICKET)
      : 6,
    sseMaxClientsTotal: env.LOOPTROOP_SSE_MAX_CLIENTS_TOTAL ? Number(env.LOOPTROOP_SSE_MAX_CLIENTS_TOTAL) : 100,
    sseMaxBoardClients: 20,
    maxBodyBytes: 5 * 1024 * 1024,
    apiToken: env.LOOPTROOP_API_TOKEN,
    allowedHosts: list(env.LOOPTROOP_ALLOWED_HOSTS),
    allowedOrigins: list(env.LOOPTROOP_ALLOWED_ORIGINS),
    trustProxy: truthy(env.LOOPTROOP_TRUST_PROXY),
    // Issue 11: a test hook is an explicit flag, never NODE_ENV; the token is new in every process unless given.
    devEvents: truthy(env.LOOPTROOP_DEV_EVENTS),
    devEventToken: truthy(env.LOOPTROOP_DEV_EVENTS)
      ? (env.LOOPTROOP_DEV_EVENT_TOKEN ?? randomBytes(32).toString('hex'))
      : undefined,
    webDistDir: env.LOOPTROOP_WEB_DIST,
    logLevel: env.LOOPTROOP_LOG_LEVEL ?? 'info',
    githubToken: env.GITHUB_TOKEN || env.GH_TOKEN || undefined,
    githubTokenEnv: env.GITHUB_TOKEN ? 'GITHUB_TOKEN' : env.GH_TOKEN ? 'GH_TOKEN' : undefined,
    githubApiUrl: env.LOOPTROOP_GITHUB_API_URL || undefined,
    githubHosts: (env.LOOPTROOP_GITHUB_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    reviewPollMs: env.LOOPTROOP_REVIEW_POLL_MS ? Number(env.LOOPTROOP_REVIEW_POLL_MS) : 30_000,
  });
}
