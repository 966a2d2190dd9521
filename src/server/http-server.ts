/**
 * The bot's one HTTP server: web chat, health, and every adapter's webhook (Telegram webhook,
 * Slack events, Teams /api/messages) mounted by exact method + path. Unknown paths get 404, a
 * handler that throws gets 500 and a log line; the process stays up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler, HttpRoutes } from '../core/channel';
import type { Logger } from '../core/ports';
import { sendJson } from './http-body';
import { applySecurityHeaders } from './security-headers';

export interface HttpServer extends HttpRoutes {
  listen(port: number, host: string): Promise<string>;
  /**
   * Stops accepting connections, lets the requests in flight finish (a turn being answered, a
   * webhook being acknowledged) for up to `graceMs`, then closes every connection, the web chat's
   * event streams among them (their browsers reconnect, to another replica if there is one).
   */
  close(graceMs?: number): Promise<void>;
  readonly url: string | null;
}

export function createHttpServer(logger: Logger): HttpServer {
  const routes = new Map<string, HttpHandler>();
  /** Responses not yet finished, for the drain at close. */
  const inFlight = new Set<http.ServerResponse>();
  let drained: (() => void) | null = null;
  const server = http.createServer((request, response) => {
    inFlight.add(response);
    response.once('close', () => {
      inFlight.delete(response);
      if (drained !== null && answering() === 0) drained();
    });
    applySecurityHeaders(response);
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler =
      routes.get(`${request.method} ${pathname}`) ?? prefixRoute(request.method, pathname);
    if (!handler) {
      const allowed = ['GET', 'POST', 'OPTIONS'].filter((method) =>
        routes.has(`${method} ${pathname}`),
      );
      sendJson(response, allowed.length > 0 ? 405 : 404, {
        error: allowed.length > 0 ? 'method not allowed' : 'not found',
      });
      return;
    }
    try {
      handler(request, response);
    } catch (error) {
      logger.error({ path: pathname, err: error }, 'http handler failed');
      sendJson(response, 500, { error: 'internal error' });
    }
  });
  // `/help/*` serves every path below /help (the help centre's own router answers 404s).
  const prefixRoute = (method: string | undefined, pathname: string): HttpHandler | undefined => {
    for (let cut = pathname.lastIndexOf('/'); cut > 0; cut = pathname.lastIndexOf('/', cut - 1)) {
      const handler = routes.get(`${method} ${pathname.slice(0, cut)}/*`);
      if (handler) return handler;
    }
    return undefined;
  };
  /** Requests still being answered; an event stream is open by design and does not count. */
  const answering = (): number => {
    let count = 0;
    for (const response of inFlight) {
      const type = response.getHeader('content-type');
      if (typeof type !== 'string' || !type.startsWith('text/event-stream')) count += 1;
    }
    return count;
  };
  server.keepAliveTimeout = 5000;
  let url: string | null = null;
  return {
    add(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    get url() {
      return url;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
          resolve(url);
        });
      });
    },
    async close(graceMs = 0) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (graceMs > 0 && answering() > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        drained = null;
        if (answering() > 0)
          logger.warn(
            { requests: answering(), graceMs },
            'shutting down with requests still unanswered',
          );
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
