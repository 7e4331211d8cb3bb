import type { CommandContext } from './context.ts';

/** `status`: is the server up, what did it restore, is OpenCode reachable. Exit 1 when unreachable. */
export async function status(ctx: CommandContext): Promise<number> {
  const [health, startup, opencode] = await Promise.all([
    ctx.client.health.get.query(),
    ctx.client.health.startup.query(),
    ctx.client.health.opencode.query(),
  ]);
  const value = { url: ctx.url, health, startup, opencode };
  ctx.out.print(value, () =>
    [
      `LoopTroop ${health.status} at ${ctx.url} (up ${Math.round(health.uptime)} s)`,
      `storage:  ${startup.storage.kind}, ${startup.storage.dbUrl}`,
      `projects: ${startup.storage.restoredProjectCount} restored`,
      `opencode: ${opencode.reachable ? `${opencode.version} at ${opencode.url}` : `unreachable at ${opencode.url} — ${opencode.advice ?? ''}`}`,
    ].join('\n'),
  );
  return 0;
}

export async function models(ctx: CommandContext): Promise<number> {
  const catalog = await ctx.client.models.list.query();
  ctx.out.print(catalog, () =>
    catalog.message
      ? catalog.message
      : catalog.models
          .map((m) => `${m.id}${m.variants.length ? `  (variants: ${m.variants.join(', ')})` : ''}`)
          .join('\n') || '(no connected models)',
  );
  return 0;
}

export async function openapi(ctx: CommandContext): Promise<number> {
  const res = await fetch(`${ctx.url}/api/openapi.json`);
  if (!res.ok) throw new Error(`openapi.json answered ${res.status}`);
  process.stdout.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
  return 0;
}
