import type { IncomingMessage } from 'node:http';
import { readBody } from './http.js';
import type { QueryMap } from './php-query.js';
import type { InstanceData, SimUser } from './types.js';

/** Everything a route handler needs about one request; built once by the router. */
export interface RequestContext {
  req: IncomingMessage;
  data: InstanceData;
  /** This instance's base URL, for `@self.uri`. */
  baseUrl: string;
  requestId: string;
  method: string;
  /** Path with a leading `/index.php` removed (both spellings route the same, §1). */
  path: string;
  search: URLSearchParams;
  query: QueryMap;
  user: SimUser | null;
}

/** The request body as JSON; `undefined` when it is not valid JSON. */
export async function jsonBody(ctx: RequestContext): Promise<unknown> {
  const raw = (await readBody(ctx.req)).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
