import {
  freePort,
  type RunningOpencode,
  type ScriptedModel,
  startOpencode,
  startScriptedModel,
} from '@looptroop/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from './client.ts';
import { createHttpRuntime } from './http-client.ts';

// The live agent events (architecture.md §5.5) must flow even when LoopTroop subscribes before OpenCode is up, as the
// demo and a managed OpenCode do: a stream opened while OpenCode was still starting used to hang without a frame.

describe('the OpenCode event stream', { timeout: 60_000 }, () => {
  let model: ScriptedModel | undefined;
  let opencode: RunningOpencode | undefined;
  afterAll(async () => {
    await opencode?.close();
    await model?.close();
  });

  it('delivers events from an OpenCode that started after the subscription', async () => {
    const port = await freePort();
    const runtime = createHttpRuntime({ url: `http://127.0.0.1:${port}` });
    const events: AgentEvent[] = [];
    const unsubscribe = runtime.onEvent((event) => events.push(event));
    try {
      model = await startScriptedModel({ scenario: { rules: [] } });
      opencode = await startOpencode({ modelUrl: model.url, models: ['alpha'], port });
      const deadline = Date.now() + 20_000;
      while (events.length === 0 && Date.now() < deadline) {
        // Each new session makes OpenCode publish events on the global stream.
        await runtime.createSession({ directory: opencode.dataDir, title: 'late start' });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(events.length).toBeGreaterThan(0);
    } finally {
      unsubscribe();
      runtime.close();
    }
  });
});
