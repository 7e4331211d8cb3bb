import type { Command } from './context.ts';

/** `status`: is the server up, what did it restore, is OpenCode reachable. Exit 1 when the server is unreachable. */
export const status: Command = async (ctx) => {
  const [health, startup, opencode] = await Promise.all([
    ctx.client.health.get.query(),
    ctx.client.health.startup.query(),
    ctx.client.health.opencode.query(),
  ]);
  const url = ctx.server.url;
  ctx.out.print({ url, health, startup, opencode }, () =>
    [
      `LoopTroop ${health.status} at ${url} (up ${Math.round(health.uptime)} s)`,
      `storage:  ${startup.storage.kind}, ${startup.storage.dbUrl}`,
      `projects: ${startup.storage.restoredProjectCount} restored`,
      `opencode: ${opencode.reachable ? `${opencode.version} at ${opencode.url}` : `unreachable at ${opencode.url} — ${opencode.advice ?? ''}`}`,
    ].join('\n'),
  );
  return 0;
};
