import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesFor, type FuzzCase, type JsonSchema, type Operation, seeded } from './fuzz-cases.ts';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';

// Issue 17 "No 500 on any input": every operation of /api/openapi.json × generated bad input, against a real server
// (no OpenCode: LOOPTROOP_OPENCODE_URL points at a closed port). Deterministic (fixed seed) and bounded (~2,000
// requests, one at a time, each with a 10 s ceiling), so it runs in CI within a minute.
const SEED = 17;

interface Outcome {
  fuzz: FuzzCase;
  status: number;
  body: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = isRecord(op.requestBody) && isRecord(op.requestBody.content) ? op.requestBody.content : {};
      const json = content['application/json'];
      return {
        method: method.toUpperCase(),
        path,
        parameters: (Array.isArray(op.parameters) ? op.parameters : []) as Operation['parameters'],
        body: isRecord(json) && isRecord(json.schema) ? (json.schema as JsonSchema) : null,
      };
    }),
  );
}

describe('fuzzing every operation of /api/openapi.json', { timeout: 60_000 }, () => {
  let server: TestServer;
  let repo: string;
  const outcomes: Outcome[] = [];

  async function send(fuzz: FuzzCase): Promise<Outcome> {
    const res = await fetch(`${server.url}${fuzz.path}`, {
      method: fuzz.method,
      headers: fuzz.headers,
      ...(fuzz.body !== undefined && { body: fuzz.body }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // judged below: an error answer must be JSON
    }
    return { fuzz, status: res.status, body };
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { LOOPTROOP_OPENCODE_URL: 'http://127.0.0.1:9' } });
    repo = await makeRepo();
    const project = await server.call('POST', '/api/projects', { name: 'Fuzz', shortname: 'FZZ', folderPath: repo });
    const ticket = await server.call('POST', '/api/tickets', { projectId: project.json.id, title: 'Target' });
    const values = { id: ticket.json.id, ticketId: ticket.json.id, file: 'prd', domain: 'prd', phase: 'DRAFT' };
    const doc = (await server.call('GET', '/api/openapi.json')).json;
    const random = seeded(SEED);
    // Deletes are fuzzed last, so a delete that goes through cannot hide what the other operations would do.
    const operations = operationsOf(doc).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    for (const op of operations) {
      const projectScoped = op.path.startsWith('/api/projects/{id}');
      for (const fuzz of casesFor(op, projectScoped ? { id: String(project.json.id) } : values, random)) {
        outcomes.push(await send(fuzz));
      }
    }
  }, 60_000);
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it('covers every operation with many cases', () => {
    expect(outcomes.length).toBeGreaterThan(1000);
  });

  it('never answers 500 (or any 5xx other than OpenCode being down)', () => {
    const failures = outcomes
      .filter((o) => o.status >= 500 && !(o.status === 502 || o.status === 503))
      .map((o) => `${o.fuzz.method} ${o.fuzz.path.slice(0, 80)} [${o.fuzz.name}] → ${o.status}`);
    expect(failures).toEqual([]);
  });

  it('answers every invalid request with a 4xx and a JSON { error, details } body', () => {
    const failures = outcomes
      .filter((o) => o.fuzz.invalid)
      .filter(
        (o) =>
          o.status < 400 ||
          o.status >= 500 ||
          !isRecord(o.body) ||
          typeof o.body.error !== 'string' ||
          !('details' in o.body),
      )
      .map(
        (o) =>
          `${o.fuzz.method} ${o.fuzz.path.slice(0, 80)} [${o.fuzz.name}] → ${o.status} ${JSON.stringify(o.body).slice(0, 120)}`,
      );
    expect(failures).toEqual([]);
  });

  it('is still alive and still serves valid requests afterwards', async () => {
    expect((await server.call('GET', '/api/health')).status).toBe(200);
    const other = await makeRepo();
    const project = await server.call('POST', '/api/projects', { name: 'After', shortname: 'AFT', folderPath: other });
    await rm(other, { recursive: true, force: true });
    expect(project.status).toBe(201);
  });
});
