import { appRouter, SSE_EVENT_TYPES } from '@looptroop/core';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';

/** The hand-written SSE endpoint, described by hand (it is not a tRPC procedure). */
const streamPath: NonNullable<OpenAPIObject['paths']>[string] = {
  get: {
    operationId: 'stream',
    summary: 'Ticket-scoped Server-Sent Events stream',
    description: `Events: ${SSE_EVENT_TYPES.join(', ')}. Each persisted event carries a monotonically increasing id; reconnect with the Last-Event-ID header or ?lastEventId= to replay later events from durable storage. \`heartbeat\` every 30 s.`,
    tags: ['stream'],
    parameters: [
      {
        name: 'ticketId',
        in: 'query',
        required: true,
        schema: { type: 'string' },
        description: 'Ticket reference, e.g. AUTH-12',
      },
      { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
    ],
    responses: {
      '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      '400': { description: 'ticketId missing or malformed' },
      '404': { description: 'Unknown ticket' },
      '429': { description: 'Too many stream clients for this ticket or in total' },
    },
  },
};

/** OpenAPI 3.1 from the zod schemas of every procedure; paths are shown with their /api prefix. */
export function buildOpenApiDocument(version: string): OpenAPIObject {
  const doc = generateOpenApiDocument(appRouter, {
    title: 'LoopTroop API',
    version,
    baseUrl: '/',
    description: 'REST surface of LoopTroop. The same procedures are served to typed clients at /trpc.',
  });
  const paths: NonNullable<OpenAPIObject['paths']> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) paths[`/api${path}`] = item;
  paths['/api/stream'] = streamPath;
  return { ...doc, paths };
}
