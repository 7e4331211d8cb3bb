import { phaseRule, replies } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentWorld, startAgentWorld } from './agent-harness.ts';
import { startTestServer } from './harness.ts';
import { openSse } from './sse-client.ts';

const askQuestion = {
  toolCalls: [
    {
      name: 'question',
      arguments: {
        questions: [
          {
            question: 'Which database should the sessions live in?',
            header: 'Session store',
            options: [
              { label: 'postgres', description: 'The main database' },
              { label: 'redis', description: 'The cache' },
            ],
            multiple: true,
          },
        ],
      },
    },
  ],
};

describe('OpenCode integration with the real binary', { timeout: 120_000 }, () => {
  let world: AgentWorld;
  beforeAll(async () => {
    world = await startAgentWorld({ scenario: { rules: [] } });
  }, 120_000);
  afterAll(() => world.dispose());

  it('reports health and version, and lists the scripted models in the seed shape', async () => {
    const health = await world.server.call('GET', '/api/health/opencode');
    expect(health.json).toMatchObject({ status: 'ok', reachable: true, url: world.opencode.url });
    expect(health.json.version).toMatch(/^\d+\.\d+\.\d+/);
    const models = await world.server.call('GET', '/api/models');
    expect(Object.keys(models.json).sort()).toEqual(['allModels', 'connectedProviders', 'defaultModels', 'models']);
    expect(models.json.connectedProviders).toContain('scripted');
    expect(models.json.models.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(world.opencode.modelIds),
    );
    expect(models.json.allModels.length).toBeGreaterThanOrEqual(models.json.models.length);
  });

  it('surfaces an agent question, passes the reply to the model, and rejects unknown requests', async () => {
    world.model.setScenario({
      rules: [
        phaseRule('SCANNING_RELEVANT_FILES', askQuestion),
        {
          name: 'after answer',
          match: { afterToolResult: true, in: 'all', phase: 'SCANNING_RELEVANT_FILES' },
          reply: replies.relevantFiles(),
        },
        phaseRule('COUNCIL_DELIBERATING', { hang: true }),
      ],
    });
    const ref = await world.createTicket('Ask me something');
    const stream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}`);
    await world.server.call('POST', `/api/tickets/${ref}/start`);
    const asked = await stream.waitFor(
      (f) => f.event === 'needs_input' && (f.data as { type: string }).type === 'opencode_question',
      60_000,
    );
    const { requestId } = asked.data as { requestId: string };
    const pending = await world.server.call('GET', `/api/tickets/${ref}/opencode/questions`);
    expect(pending.json).toHaveLength(1);
    expect(pending.json[0]).toMatchObject({ requestId, state: 'pending', phase: 'SCANNING_RELEVANT_FILES' });
    expect(pending.json[0].questions[0].question).toBe('Which database should the sessions live in?');

    expect(
      (await world.server.call('POST', `/api/tickets/${ref}/opencode/questions/que_nope/reply`, { answers: [['x']] }))
        .status,
    ).toBe(404);
    expect(
      (await world.server.call('POST', `/api/tickets/${ref}/opencode/questions/${requestId}/reply`, { answers: 'x' }))
        .status,
    ).toBe(400);
    const replied = await world.server.call('POST', `/api/tickets/${ref}/opencode/questions/${requestId}/reply`, {
      answers: [['postgres', 'redis']],
    });
    expect(replied.status).toBe(200);
    expect(replied.json).toMatchObject({ success: true, state: 'replied' });
    await stream.waitFor(
      (f) => f.event === 'needs_input' && (f.data as { type: string }).type === 'opencode_question_resolved',
    );
    expect((await world.server.call('POST', `/api/tickets/${ref}/opencode/questions/${requestId}/reject`)).status).toBe(
      409,
    );

    await world.waitForStatus(ref, 'COUNCIL_DELIBERATING');
    const followUp = world.model.requests.find((r) => r.rule === 'after answer');
    expect(followUp).toBeDefined();
    const log = await fetch(`${world.model.url.replace(/\/v1$/, '')}/__log`);
    expect(log.status).toBe(200);
    expect((await world.server.call('GET', `/api/tickets/${ref}/opencode/questions`)).json).toEqual([]);
    stream.close();
    await world.server.call('POST', `/api/tickets/${ref}/cancel`);
  });

  it('ends the agent turn when a question is rejected; the fresh retry carries on', async () => {
    world.model.setScenario({
      rules: [
        { ...phaseRule('SCANNING_RELEVANT_FILES', askQuestion), times: 1 },
        phaseRule('SCANNING_RELEVANT_FILES', replies.relevantFiles()),
        phaseRule('COUNCIL_DELIBERATING', { hang: true }),
      ],
    });
    const ref = await world.createTicket('Reject me');
    const stream = await openSse(`${world.server.url}/api/stream?ticketId=${ref}`);
    await world.server.call('POST', `/api/tickets/${ref}/start`);
    const asked = await stream.waitFor(
      (f) => f.event === 'needs_input' && (f.data as { type: string }).type === 'opencode_question',
      60_000,
    );
    const { requestId } = asked.data as { requestId: string };
    const rejected = await world.server.call('POST', `/api/tickets/${ref}/opencode/questions/${requestId}/reject`);
    expect(rejected.json).toMatchObject({ success: true, state: 'rejected' });
    await world.waitForStatus(ref, 'COUNCIL_DELIBERATING');
    const log = (await world.server.call('GET', `/api/files/${ref}/logs`)).json as { kind: string; content?: string }[];
    expect(log.some((l) => l.kind === 'tool' && /dismissed/.test(l.content ?? ''))).toBe(true);
    stream.close();
    await world.server.call('POST', `/api/tickets/${ref}/cancel`);
  });
});

describe('with OpenCode stopped', () => {
  it('answers /api/models with empty lists and the seed message, and health says unreachable, quickly', async () => {
    const server = await startTestServer({ env: { LOOPTROOP_OPENCODE_URL: 'http://127.0.0.1:9' } });
    try {
      const started = Date.now();
      const models = await server.call('GET', '/api/models');
      expect(models.status).toBe(200);
      expect(models.json).toEqual({
        models: [],
        allModels: [],
        connectedProviders: [],
        defaultModels: {},
        message: 'OpenCode server is not reachable. Start it with `opencode serve`.',
      });
      const health = await server.call('GET', '/api/health/opencode');
      expect(health.json).toMatchObject({ status: 'unavailable', reachable: false });
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await server.dispose();
    }
  });
});
