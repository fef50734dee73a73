import type { MiddlewareHandler } from 'hono';
import {
  SECURITY_HEADERS,
  TOKEN_HEADER,
  cookieName,
  isAllowedHost,
  isAllowedOrigin,
  readCookie,
  sessionCookie,
  tokenMatches,
} from './security.ts';

export interface GuardOptions {
  readonly token: string;
  /** The port we listen on; known only once the socket is bound, hence a function. */
  readonly port: () => number;
}

/** Security headers on every answer, refusals included. No Access-Control-* header, ever. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    for (const name of [...c.res.headers.keys()]) {
      if (name.startsWith('access-control-')) c.res.headers.delete(name);
    }
  };
}

/**
 * Refuses, in order: a foreign Host (DNS rebinding), a POST from a foreign Origin, a request
 * without the token. The API takes the token only from its header, which a page elsewhere
 * cannot set without a CORS preflight we never grant; the page and its assets take it from the
 * cookie, or from the query of the printed URL, which turns into that cookie.
 */
export function guard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const port = options.port();
    if (!isAllowedHost(c.req.header('host'), port)) {
      return c.json({ error: `refused: Host must be 127.0.0.1:${port} or localhost:${port}` }, 403);
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!isAllowedOrigin(c.req.header('origin'), port)) {
        return c.json({ error: 'refused: the request came from another origin' }, 403);
      }
    }

    const isApi = c.req.path.startsWith('/api/');
    if (!isApi && c.req.method === 'GET' && tokenMatches(c.req.query('token'), options.token)) {
      // Trade the token in the address bar for the cookie, then drop it from the URL.
      c.header('set-cookie', sessionCookie(port, options.token));
      // Always to this server's own page: a path such as //elsewhere.example would send the
      // browser to another host with a relative Location.
      return c.redirect('/', 303);
    }
    const presented = isApi
      ? c.req.header(TOKEN_HEADER)
      : readCookie(c.req.header('cookie'), cookieName(port));
    if (!tokenMatches(presented, options.token)) {
      return c.json(
        { error: 'refused: open the URL that `escher ui` printed (with its token)' },
        403,
      );
    }
    await next();
  };
}
