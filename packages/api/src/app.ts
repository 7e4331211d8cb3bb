import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRouter, type Core, createContext, type TrpcContext, toErrorBody } from '@looptroop/core';
import type { TRPCError } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createOpenApiExpressMiddleware } from 'trpc-to-openapi';
import { decodePathParams } from './decode-path.ts';
import { devEventGate } from './dev-event-gate.ts';
import { docsRouter } from './docs.ts';
import { sendError, statusForError } from './error-body.ts';
import { hostGuard } from './host-guard.ts';
import { jsonGuard, requireJsonContentType } from './json-guard.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { originGuard } from './origin-guard.ts';
import { rateLimits } from './rate-limits.ts';
import { responseEncoding } from './response-encoding.ts';
import { requireToken } from './security.ts';
import { SessionStore, sessionId, sessionRoutes } from './session-auth.ts';
import { createStreamHandler } from './stream.ts';
import { ticketListAnswers } from './ticket-list-answers.ts';

export interface AppOptions {
  version: string;
  /** Folder with the built web app; served at / when it exists. */
  webDistDir?: string;
  log?: (message: string, cause?: unknown) => void;
}

function logUnexpected(log: AppOptions['log'], error: TRPCError, path: string | undefined) {
  if (toErrorBody(error).kind === 'internal')
    log?.(`unexpected error in ${path ?? 'unknown procedure'}`, error.cause ?? error);
}

/**
 * Order matters: Host guard (every route, the web app included) → response encoding → headers → Origin guard → JSON
 * content type → rate limits (remote clients) → sign-in routes → token or session → dev-event gate → kept ticket
 * list answers → /trpc →
 * /api/stream → /api/openapi.json → /api/docs → REST (must be last under /api) → web.
 */
export function createApp(core: Core, options: AppOptions): express.Express {
  const { config } = core;
  const app = express();
  app.disable('x-powered-by');
  // §9.1: X-Forwarded-For names the client only behind a proxy the user declared (LOOPTROOP_TRUST_PROXY=1).
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.set('etag', false);
  // A foreign Host is refused before anything else runs (DNS rebinding must not even load the web app).
  app.use(hostGuard(config));
  // ETag/304 and gzip for every GET answer, computed once the body is complete (response-encoding.ts).
  app.use(responseEncoding());
  app.use(['/api', '/trpc'], (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  app.use(['/api', '/trpc'], originGuard(config), requireJsonContentType);
  app.use(['/api', '/trpc'], rateLimits());
  const sessions = new SessionStore();
  app.use('/api/auth/session', jsonGuard(config.maxBodyBytes), sessionRoutes(config.apiToken, sessions));
  if (config.apiToken) {
    app.use(
      ['/api', '/trpc'],
      requireToken(config.apiToken, (req) => sessions.isValid(sessionId(req))),
    );
  }
  app.use(['/api', '/trpc'], devEventGate(config));
  // An unchanged ticket list is resent as the bytes the procedure last produced (ticket-list-answers.ts).
  app.use(ticketListAnswers(core));

  app.use('/trpc', jsonGuard(config.maxBodyBytes, 'trpc'));
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext: (): TrpcContext => createContext(core),
      maxBodySize: config.maxBodyBytes,
      onError: ({ error, path }) => logUnexpected(options.log, error, path),
    }),
  );

  app.get(
    '/api/stream',
    createStreamHandler(core, {
      heartbeatMs: config.heartbeatMs,
      maxPerTicket: config.sseMaxClientsPerTicket,
      maxBoard: config.sseMaxBoardClients,
      maxTotal: config.sseMaxClientsTotal,
    }),
  );

  // Built at the first request: generating it from every router is a tenth of a second `start` need not wait for.
  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  app.get('/api/openapi.json', (_req, res) => {
    openApiDocument ??= buildOpenApiDocument(options.version);
    res.json(openApiDocument);
  });
  app.use('/api/docs', docsRouter());

  app.use('/api', decodePathParams, jsonGuard(config.maxBodyBytes));
  app.use(
    '/api',
    createOpenApiExpressMiddleware({
      router: appRouter,
      createContext: (): TrpcContext => createContext(core),
      maxBodySize: config.maxBodyBytes,
      onError: ({ error, path }) => logUnexpected(options.log, error, path),
      responseMeta: ({ ctx, errors }) => {
        const [error] = errors;
        if (error) return { status: statusForError(error) };
        return {
          ...(ctx?.http.status && { status: ctx.http.status }),
          ...(ctx?.http.headers && { headers: ctx.http.headers }),
        };
      },
    }),
  );

  const webDist = options.webDistDir;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: 'index.html' }));
    // Client-side routes (/ticket/AUTH-12 …) get the app shell.
    app.get(/^\/(?!api\/|trpc\/).*/, (_req, res) => res.sendFile(join(webDist, 'index.html')));
  }

  app.use((_req: Request, res: Response) => sendError(res, 'not_found', 'Not found'));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    options.log?.('unhandled request error', error);
    if (res.headersSent) return res.end();
    sendError(res, 'internal', 'Internal server error');
  });
  return app;
}
