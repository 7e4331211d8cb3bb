import { randomUUID } from 'node:crypto';
import type { Core, StreamEvent } from '@looptroop/core';
import { AppError } from '@looptroop/core';
import type { Request, Response } from 'express';
import { sendError } from './error-body.ts';

interface StreamLimits {
  heartbeatMs: number;
  maxPerTicket: number;
  maxBoard: number;
  maxTotal: number;
}

function frame(event: string, data: unknown, id?: number | null): string {
  const idLine = id === null || id === undefined ? '' : `id: ${id}\n`;
  return `${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Resume point: Last-Event-ID header first, then ?lastEventId. Non-numeric → replay everything kept. */
function resumeId(req: Request): number | null {
  const raw = req.header('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : null);
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/**
 * GET /api/stream?ticketId=: the hand-written SSE endpoint (architecture.md §6).
 * Order matters (as in trpc's next-sse-chat): subscribe first, then replay from durable storage after the resume
 * id, then flush what arrived meanwhile, skipping ids already sent — so nothing falls between replay and live.
 */
export function createStreamHandler(core: Core, limits: StreamLimits) {
  const perTicket = new Map<string, number>();
  let total = 0;

  return async (req: Request, res: Response) => {
    const ticketParam = typeof req.query.ticketId === 'string' ? req.query.ticketId : '';
    // Extension for the board: `?all=true` streams every ticket's events (one connection instead of one per card).
    const all = req.query.all === 'true';
    if (!ticketParam && !all) return sendError(res, 'invalid_input', 'ticketId query parameter required');
    let ticketRef: string | null = null;
    if (!all) {
      try {
        ticketRef = (await core.services.tickets.resolve(ticketParam)).externalId;
      } catch (error) {
        if (error instanceof AppError) return sendError(res, error.kind, error.message, error.details);
        throw error;
      }
    }
    const slot = ticketRef ?? '*';
    const current = perTicket.get(slot) ?? 0;
    const slotCap = all ? limits.maxBoard : limits.maxPerTicket;
    if (current >= slotCap || total >= limits.maxTotal) {
      res.setHeader('Retry-After', '5');
      return sendError(res, 'too_many_requests', 'Too many stream clients', {
        [all ? 'board' : 'perTicket']: slotCap,
        total: limits.maxTotal,
      });
    }
    perTicket.set(slot, current + 1);
    total += 1;

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();

    let lastSentId = resumeId(req) ?? 0;
    let live = false;
    const pending: StreamEvent[] = [];
    const send = (event: StreamEvent) => {
      if (event.id !== null) {
        if (event.id <= lastSentId) return;
        lastSentId = event.id;
      }
      res.write(frame(event.type, event.data, event.id));
    };
    const unsubscribe = core.services.events.subscribe(ticketRef, (event) =>
      live ? send(event) : pending.push(event),
    );
    const heartbeat = setInterval(
      () => res.write(frame('heartbeat', { timestamp: new Date().toISOString() })),
      limits.heartbeatMs,
    );
    let closed = false;
    const cleanup = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      const left = (perTicket.get(slot) ?? 1) - 1;
      if (left > 0) perTicket.set(slot, left);
      else perTicket.delete(slot);
      total -= 1;
    };
    req.on('close', cleanup);
    res.on('close', cleanup);

    // No id on `connected`: an id here would reset the browser's Last-Event-ID on every reconnect
    // (deliberate deviation from architecture.md §6 "id: 0").
    res.write(frame('connected', { ticketId: slot, clientId: randomUUID(), timestamp: new Date().toISOString() }));
    const resume = resumeId(req);
    if (resume !== null) {
      for (const event of await core.services.events.replay(ticketRef, resume)) send(event);
    }
    for (const event of pending.splice(0)) send(event);
    live = true;
  };
}
