import type { Config } from '../config.ts';
import type { AgentRuntime } from './client.ts';
import { findOpencodeBinary, type ManagedOpencode, startOpencode } from './server.ts';

export interface OpencodeSupervision {
  mode: 'adopted' | 'managed' | 'unavailable';
  message: string;
  managed: ManagedOpencode | null;
}

/**
 * architecture.md §5.1: adopt a server that already answers; otherwise, when allowed and installed, start our own
 * on the configured loopback port; otherwise keep running and say how to fix it.
 */
export async function superviseOpencode(
  config: Config,
  runtime: AgentRuntime,
  env: Record<string, string | undefined>,
): Promise<OpencodeSupervision> {
  const health = await runtime.health(2_000);
  if (health.reachable) {
    return { mode: 'adopted', message: `Using OpenCode ${health.version} at ${config.opencodeUrl}`, managed: null };
  }
  const url = new URL(config.opencodeUrl);
  const isLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!config.manageOpencode || !isLoopback) {
    return {
      mode: 'unavailable',
      message: `OpenCode is not reachable at ${config.opencodeUrl}. Start it with \`opencode serve\`.`,
      managed: null,
    };
  }
  const binary = findOpencodeBinary(env.PATH);
  if (!binary) {
    return {
      mode: 'unavailable',
      message: 'OpenCode is not installed. Install it with `npm i -g opencode-ai`, or start `opencode serve` yourself.',
      managed: null,
    };
  }
  const port = Number(url.port || 4096);
  try {
    const managed = await startOpencode({
      binary,
      hostname: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
      port,
      cwd: config.dataDir,
      // Agents act without permission prompts (architecture.md §5.1); the user's OS privileges still apply.
      env: { ...env, OPENCODE_PERMISSION: '"allow"' },
    });
    return { mode: 'managed', message: `Started OpenCode at ${managed.url} (pid ${managed.pid})`, managed };
  } catch (error) {
    // Issue 17: LoopTroop starts anyway; health, status and Start carry this until OpenCode answers.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      mode: 'unavailable',
      message:
        `The managed OpenCode did not come up at ${config.opencodeUrl} (${reason}). Free port ${port} or point ` +
        'LOOPTROOP_OPENCODE_URL at a running `opencode serve`, then restart LoopTroop (or start with --no-opencode).',
      managed: null,
    };
  }
}
