/**
 * Telegram webhook on the bot's HTTP server. Telegram sends the secret_token given to
 * setWebhook in a header; anything without the right one is refused before it is read.
 */
import type { HttpHandler } from '../../src/core/channel';
import type { Logger } from '../../src/core/ports';
import { errorMessage } from '../../src/core/error-message';
import { BodyError, readBody, sendStatus } from '../../src/server/http-body';
import { headerValue, secretMatches } from '../shared/http';

export interface TelegramWebhookOptions {
  /** The public HTTPS URL Telegram posts to, e.g. https://bot.example.com/telegram/webhook. */
  readonly url: string;
  /** 1–256 characters of A–Z, a–z, 0–9, `_` and `-`. */
  readonly secretToken: string;
  /** The path on our server, when a proxy changes it; the URL's path otherwise. */
  readonly path?: string;
}

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export function validateWebhookOptions(options: TelegramWebhookOptions): void {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(options.secretToken)) {
    throw new Error(
      'TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram rejects others). Generate one with: openssl rand -hex 32',
    );
  }
  try {
    new URL(options.url);
  } catch {
    throw new Error(
      `TELEGRAM_WEBHOOK_URL "${options.url}" is not a URL; use the public https address Telegram should post to, e.g. https://bot.example.com/telegram/webhook`,
    );
  }
}

/**
 * The webhook endpoint: refuses a request without the right secret before reading it, hands the
 * update to `handleUpdate`, and answers 200 once it is handled (so Telegram delivers it again if
 * the process dies first). Used for grammY and for a host Telegraf bot alike.
 */
export function createWebhookHandler(
  handleUpdate: (update: unknown) => Promise<void>,
  secretToken: string,
  logger: Logger,
  maxBodyBytes: number,
): HttpHandler {
  const handle = async (...[request, response]: Parameters<HttpHandler>): Promise<void> => {
    if (!secretMatches(headerValue(request, SECRET_HEADER), secretToken)) {
      logger.warn(
        { remote: request.socket.remoteAddress },
        'telegram webhook call without the right secret token; refused',
      );
      request.resume();
      sendStatus(response, 401);
      return;
    }
    let update: unknown;
    try {
      update = JSON.parse(await readBody(request, maxBodyBytes));
    } catch (error) {
      logger.warn({ error: errorMessage(error) }, 'telegram webhook body is not JSON');
      sendStatus(response, error instanceof BodyError ? error.status : 400);
      return;
    }
    await handleUpdate(update);
    sendStatus(response, 200);
  };
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ error: errorMessage(error) }, 'telegram webhook failed');
      sendStatus(response, 500);
    });
  };
}
