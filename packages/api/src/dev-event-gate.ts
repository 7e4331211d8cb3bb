import type { Config } from '@looptroop/core';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-body.ts';
import { tokenMatches } from './security.ts';

export const DEV_EVENT_TOKEN_HEADER = 'x-looptroop-dev-event-token';

/** The REST route `/tickets/:id/dev-event` or the tRPC procedure `ticketActions.devEvent`, however spelled. */
function targetsDevEvent(req: Request): boolean {
  let path = req.originalUrl.split('?')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape cannot name the route after decoding either; judge the raw path
  }
  return /dev-?event/i.test(path);
}

/**
 * architecture.md §9.2 / issue 11: dev-event moves a ticket to any status, so it answers only when the process was
 * started with LOOPTROOP_DEV_EVENTS=1 and the caller sends that process's token in X-LoopTroop-Dev-Event-Token.
 * The core refuses it too when the flag is off; this gate holds the token check for both transports.
 */
export function devEventGate(config: Pick<Config, 'devEvents' | 'devEventToken'>) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!targetsDevEvent(req)) return next();
    if (!config.devEvents || !config.devEventToken) {
      return sendError(res, 'forbidden', 'dev-event is disabled; set LOOPTROOP_DEV_EVENTS=1 to enable it', {
        enabledBy: 'LOOPTROOP_DEV_EVENTS=1',
      });
    }
    const given = req.header(DEV_EVENT_TOKEN_HEADER);
    if (given && tokenMatches(given, config.devEventToken)) return next();
    sendError(res, 'forbidden', `dev-event needs this server's token in ${DEV_EVENT_TOKEN_HEADER}`, {
      header: DEV_EVENT_TOKEN_HEADER,
    });
  };
}
