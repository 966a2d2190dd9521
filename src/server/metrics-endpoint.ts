/**
 * Where /metrics is served, from the environment: on its own port (AFTERCARE_METRICS_PORT, no
 * token needed there unless AFTERCARE_METRICS_TOKEN is also set), or on the main server behind
 * AFTERCARE_METRICS_TOKEN. With neither, it is not served at all: customer-facing ports never
 * expose it open.
 */
import type { Registry } from 'prom-client';
import type { HttpRoutes } from '../core/channel';
import type { Logger } from '../core/ports';
import { createHttpServer } from './http-server';
import { mountMetrics } from './metrics';

export interface MetricsEndpoint {
  /** The URL of the separate metrics server, when there is one. */
  start(host: string): Promise<string | null>;
  close(): Promise<void>;
}

export function createMetricsEndpoint(
  env: Readonly<Record<string, string | undefined>>,
  main: HttpRoutes,
  registry: Registry,
  logger: Logger,
): MetricsEndpoint {
  const token = env.AFTERCARE_METRICS_TOKEN?.trim() || null;
  const port = env.AFTERCARE_METRICS_PORT?.trim() ? Number(env.AFTERCARE_METRICS_PORT) : null;
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(
      `AFTERCARE_METRICS_PORT must be a port number (0-65535), not "${env.AFTERCARE_METRICS_PORT}"`,
    );
  if (port === null) {
    if (token) mountMetrics(main, registry, token);
    else logger.info({}, '/metrics is off: set AFTERCARE_METRICS_TOKEN or AFTERCARE_METRICS_PORT');
    return { start: () => Promise.resolve(null), close: () => Promise.resolve() };
  }
  const own = createHttpServer(logger);
  mountMetrics(own, registry, token);
  return {
    async start(host) {
      const url = await own.listen(port, host);
      logger.info({ url: `${url}/metrics` }, 'metrics served on their own port');
      return url;
    },
    close: () => own.close(),
  };
}
