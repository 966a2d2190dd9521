/**
 * The insights page at /admin (behind AFTERCARE_ADMIN_TOKEN): a static page, its script and
 * styles, Chart.js's UMD build served from node_modules (no CDN, no build step), and
 * /admin/report.json?since=&until= with the figures of src/insights/report.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpRoutes } from '../../core/channel';
import { errorMessage } from '../../core/error-message';
import type { Logger } from '../../core/ports';
import { ReportRangeError, reportRange } from '../../insights/load-report';
import type { InsightsReport, ReportRange } from '../../insights/report';
import { sendJson } from '../http-body';
import { refuseAdmin } from './admin-auth';

export interface AdminOptions {
  readonly token: string | null;
  readonly report: (range: ReportRange) => Promise<InsightsReport>;
  readonly now: () => Date;
  readonly logger: Logger;
}

const publicDir = path.join(__dirname, 'public');
const chartJs = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');

const assets: Record<string, { file: string; type: string }> = {
  '/admin': { file: path.join(publicDir, 'index.html'), type: 'text/html; charset=utf-8' },
  '/admin/admin.js': {
    file: path.join(publicDir, 'admin.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/admin/admin.css': { file: path.join(publicDir, 'admin.css'), type: 'text/css; charset=utf-8' },
  '/admin/chart.umd.min.js': { file: chartJs, type: 'text/javascript; charset=utf-8' },
};

export function mountAdmin(routes: HttpRoutes, options: AdminOptions): void {
  for (const [route, asset] of Object.entries(assets)) {
    const body = readFileSync(asset.file);
    routes.add('GET', route, (request, response) => {
      if (refuseAdmin(request, response, options.token)) return;
      response.writeHead(200, {
        'content-type': asset.type,
        'cache-control': 'no-store',
        'content-length': body.length,
      });
      response.end(body);
    });
  }
  routes.add('GET', '/admin/report.json', (request, response) => {
    if (refuseAdmin(request, response, options.token)) return;
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    let range: ReportRange;
    try {
      range = reportRange({ since: query.get('since'), until: query.get('until') }, options.now());
    } catch (error) {
      if (!(error instanceof ReportRangeError)) throw error;
      sendJson(response, 400, { error: error.message });
      return;
    }
    const started = performance.now();
    options.report(range).then(
      (report) => {
        options.logger.info(
          { range, ms: Math.round(performance.now() - started) },
          'insights report served',
        );
        response.setHeader('cache-control', 'no-store');
        sendJson(response, 200, report);
      },
      (error: unknown) => {
        options.logger.error({ error: errorMessage(error) }, 'insights report failed');
        sendJson(response, 500, { error: 'the report could not be built; see the log' });
      },
    );
  });
}
