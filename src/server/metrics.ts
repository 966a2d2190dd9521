/**
 * GET /metrics in the Prometheus text format (prom-client). The core counts through its Metrics
 * port (src/core/metrics.ts); stored figures (outbox, tickets, cases) are read at scrape time. The
 * endpoint wants `Authorization: Bearer <AFTERCARE_METRICS_TOKEN>`, or is served without a token
 * on its own port (AFTERCARE_METRICS_PORT) that only the scraper can reach.
 */
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HttpRoutes } from '../core/channel';
import type { Metrics } from '../core/metrics';
import type { StoredFigures } from '../storage/sqlite/metrics-figures';
import { sendJson } from './http-body';

export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
  knowledgeReloaded(ok: boolean): void;
}

const latencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createPrometheusMetrics(figures: () => Promise<StoredFigures>): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aftercare_process_' });
  const registers = [registry];
  const messages = new Counter({
    name: 'aftercare_messages_total',
    help: 'Customer messages that reached the pipeline, by channel and locale',
    labelNames: ['channel', 'locale'],
    registers,
  });
  const replies = new Counter({
    name: 'aftercare_replies_total',
    help: 'Turn decisions by kind (answer, clarify, fallback, handoff, silent) and hand-off reason',
    labelNames: ['channel', 'kind', 'reason'],
    registers,
  });
  const match = new Histogram({
    name: 'aftercare_match_seconds',
    help: 'Matcher latency per customer text',
    buckets: latencyBuckets,
    registers,
  });
  const turn = new Histogram({
    name: 'aftercare_turn_seconds',
    help: 'Whole turn latency, storage included',
    buckets: latencyBuckets,
    registers,
  });
  const duplicates = new Counter({
    name: 'aftercare_duplicates_ignored_total',
    help: 'Deliveries the channel had already sent (platform retries)',
    labelNames: ['channel'],
    registers,
  });
  const reloads = new Counter({
    name: 'aftercare_knowledge_reloads_total',
    help: 'Knowledge reloads by result (ok, failed)',
    labelNames: ['result'],
    registers,
  });
  const outboxGauge = (
    name: string,
    help: string,
    pick: (row: StoredFigures['outbox'][number]) => number,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'],
      registers,
      async collect() {
        const { outbox } = await figures();
        this.reset();
        for (const row of outbox) this.set({ queue: row.queue }, pick(row));
      },
    });
  outboxGauge(
    'aftercare_outbox_depth',
    'Outbox jobs waiting or being sent, per queue (channel)',
    (row) => row.depth,
  );
  outboxGauge(
    'aftercare_outbox_retries',
    'Attempts beyond the first over stored outbox jobs, per queue',
    (row) => row.retries,
  );
  outboxGauge(
    'aftercare_outbox_failures',
    'Outbox jobs failed or abandoned, per queue',
    (row) => row.failures,
  );
  new Gauge({
    name: 'aftercare_tickets_open',
    help: 'Hand-off tickets not yet resolved (open or claimed)',
    registers,
    async collect() {
      this.set((await figures()).ticketsOpen);
    },
  });
  new Gauge({
    name: 'aftercare_cases_open',
    help: 'Service cases (repairs, returns, exchanges) not yet closed',
    registers,
    async collect() {
      this.set((await figures()).casesOpen);
    },
  });
  reloads.inc({ result: 'ok' }, 0);
  reloads.inc({ result: 'failed' }, 0);
  return {
    registry,
    messageReceived: (channel, locale) => messages.inc({ channel, locale }),
    replied: (channel, kind, reason) => replies.inc({ channel, kind, reason: reason ?? '' }),
    matchTimed: (seconds) => match.observe(seconds),
    turnTimed: (seconds) => turn.observe(seconds),
    duplicateIgnored: (channel) => duplicates.inc({ channel }),
    knowledgeReloaded: (ok) => reloads.inc({ result: ok ? 'ok' : 'failed' }),
  };
}

/** Mounts GET /metrics; with a token, a request without `Bearer <token>` gets 401. */
export function mountMetrics(routes: HttpRoutes, registry: Registry, token: string | null): void {
  routes.add('GET', '/metrics', (request, response) => {
    if (token !== null && !bearerMatches(request, token)) {
      response.setHeader('www-authenticate', 'Bearer realm="aftercare metrics"');
      sendJson(response, 401, { error: 'send Authorization: Bearer <AFTERCARE_METRICS_TOKEN>' });
      return;
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(text);
      },
      () => sendJson(response, 500, { error: 'metrics unavailable' }),
    );
  });
}

export function bearerMatches(request: http.IncomingMessage, token: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
