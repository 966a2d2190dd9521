/** Serves the help centre under /help on the bot's HTTP server, from the knowledge as it is now. */
import type { HttpRoutes } from '../core/channel';
import type { HelpContext } from './help-context';
import { renderHelp } from './help-site';

export function mountHelp(
  routes: HttpRoutes,
  options: { context: (origin: string) => HelpContext; minScore: number },
): void {
  const serve: Parameters<HttpRoutes['add']>[2] = (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const origin = `http://${request.headers.host ?? 'localhost'}`;
    const result = renderHelp(
      options.context(origin),
      url.pathname,
      url.searchParams,
      options.minScore,
    );
    const headers: Record<string, string> = {
      'content-type': `${result.type}; charset=utf-8`,
      'content-length': String(Buffer.byteLength(result.body)),
    };
    if (result.location) headers.location = result.location;
    response.writeHead(result.status, headers);
    response.end(result.body);
  };
  routes.add('GET', '/help', serve);
  routes.add('GET', '/help/*', serve);
}
