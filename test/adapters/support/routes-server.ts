/** HttpRoutes on a real node:http server on 127.0.0.1, for adapters under test. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler, HttpRoutes } from '../../../src/core/channel';

export interface RoutesServer {
  readonly routes: HttpRoutes;
  readonly url: string;
  close(): Promise<void>;
}

export async function startRoutesServer(): Promise<RoutesServer> {
  const handlers = new Map<string, HttpHandler>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const handler = handlers.get(`${request.method ?? 'GET'} ${path}`);
    if (handler === undefined) {
      response.writeHead(404).end();
      return;
    }
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    routes: { add: (method, path, handler) => void handlers.set(`${method} ${path}`, handler) },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
