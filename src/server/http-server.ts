/**
 * The bot's one HTTP server: web chat, health, and every adapter's webhook (Telegram webhook,
 * Slack events, Teams /api/messages) mounted by exact method + path. Unknown paths get 404, a
 * handler that throws gets 500 and a log line; the process stays up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler, HttpRoutes } from '../core/channel';
import type { Logger } from '../core/ports';
import { applySecurityHeaders } from './security-headers';

export interface HttpServer extends HttpRoutes {
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
  readonly url: string | null;
}

export function createHttpServer(logger: Logger): HttpServer {
  const routes = new Map<string, HttpHandler>();
  const server = http.createServer((request, response) => {
    applySecurityHeaders(response);
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = routes.get(`${request.method} ${pathname}`);
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
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
    }
  });
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
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON body up to `limit` bytes; rejects with a BodyError carrying the 4xx to answer. */
export function readJsonBody(request: http.IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const type = request.headers['content-type'] ?? '';
    if (!type.includes('application/json')) {
      reject(new BodyError(415, 'send JSON with content-type: application/json'));
      request.resume();
      return;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyError(413, `the body is larger than ${limit} bytes`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Answer 413 at once and discard the rest of the upload rather than buffering it.
        reject(new BodyError(413, `the body is larger than ${limit} bytes`));
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BodyError(400, 'the body is not valid JSON'));
      }
    });
  });
}
