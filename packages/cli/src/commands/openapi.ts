import { fetchServer, serverError } from '../client.ts';
import type { Command } from './context.ts';

/** `openapi`: the server's OpenAPI document, pretty-printed (it is JSON either way). */
export const openapi: Command = async (ctx) => {
  const res = await fetchServer(ctx.server, '/api/openapi.json');
  if (!res.ok) throw await serverError(res, 'GET /api/openapi.json');
  const document: unknown = await res.json();
  ctx.out.print(document);
  return 0;
};
