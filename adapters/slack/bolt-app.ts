/**
 * Bolt's App with the receiver for the mode: HTTPReceiver (its request listener is mounted on the
 * bot's own server; it checks the signing secret) or, with an app token, Socket Mode. Web API
 * retries come from our retry policy.
 */
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Logger } from '../../src/core/ports';
import type { RetryPolicy } from '../shared/retry';
import { boltLogger } from './bolt-logger';

export interface BoltAppOptions {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly appToken?: string;
  readonly apiUrl?: string;
  readonly path: string;
  readonly retry: RetryPolicy;
}

export interface BoltApp {
  readonly app: App;
  /** The HTTP endpoint in HTTP mode; null in Socket Mode. */
  readonly requestListener: HTTPReceiver['requestListener'] | null;
}

/** p-retry settings (the Web API's own retries, for 429 and 5xx alike) from our retry policy. */
function webClientRetryConfig(policy: RetryPolicy) {
  const first = policy.delaysMs[0] ?? 1000;
  const second = policy.delaysMs[1] ?? first;
  return {
    retries: policy.delaysMs.length,
    minTimeout: first,
    maxTimeout: Math.max(...policy.delaysMs, first),
    factor: second / first || 1,
    randomize: false,
  };
}

/** The Web API's error codes for "try later": HTTP 5xx, rate limits, the network. */
export function isTemporarySlackError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'slack_webapi_http_error' ||
    code === 'slack_webapi_request_error' ||
    code === 'slack_webapi_rate_limited_error'
  );
}

export function createBoltApp(options: BoltAppOptions, logger: Logger): BoltApp {
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: webClientRetryConfig(options.retry),
  };
  // HTTP mode acknowledges an event after handling it (processBeforeResponse): a crash in
  // between makes Slack deliver it again instead of losing it. A retry of an event still being
  // handled carries the same event_id, which the core has recorded, so it is answered once.
  const http = options.appToken
    ? null
    : new HTTPReceiver({
        signingSecret: options.signingSecret,
        endpoints: options.path,
        logger: boltLogger(logger),
        processBeforeResponse: true,
      });
  const receiver: Receiver =
    http ??
    new SocketModeReceiver({
      appToken: options.appToken ?? '',
      logger: boltLogger(logger),
      installerOptions: { clientOptions },
    });
  const app = new App({
    token: options.botToken,
    receiver,
    ...(options.appToken ? { socketMode: true, appToken: options.appToken } : {}),
    clientOptions,
    logger: boltLogger(logger),
    deferInitialization: true,
  });
  return { app, requestListener: http?.requestListener ?? null };
}
