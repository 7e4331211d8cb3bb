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
      '429': { description: 'Too many stream clients for this ticket, for the board (?all=true) or in total' },
    },
  },
};

const ok = { description: 'Done', content: { 'application/json': { schema: { type: 'object' } } } };

/** The hand-written sign-in routes of token mode (session-auth.ts). */
const sessionPath: NonNullable<OpenAPIObject['paths']>[string] = {
  get: {
    operationId: 'authSession',
    summary: 'Whether the server needs a token, and whether this browser has a session',
    tags: ['auth'],
    responses: { '200': ok },
  },
  post: {
    operationId: 'authSignIn',
    summary: 'Exchange the API token for an HttpOnly, SameSite=Strict session cookie',
    tags: ['auth'],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { token: { type: 'string', minLength: 1 } },
            required: ['token'],
            additionalProperties: false,
          },
        },
      },
    },
    responses: { '200': ok, '400': { description: 'Invalid input' }, '401': { description: 'Wrong token' } },
  },
  delete: { operationId: 'authSignOut', summary: 'End this session', tags: ['auth'], responses: { '200': ok } },
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
  paths['/api/auth/session'] = sessionPath;
  return { ...doc, paths };
}
