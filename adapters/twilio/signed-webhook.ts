/**
 * Twilio webhooks on the bot's HTTP server. Every request must carry an X-Twilio-Signature that
 * `twilio.validateRequest` accepts for the public URL Twilio called (TWILIO_WEBHOOK_BASE_URL plus
 * the path and query, as a proxy may change the host) and the form fields; anything else gets
 * 403 before the core sees it, so nothing is stored.
 */
import twilio from 'twilio';
import type { HttpHandler } from '../../src/core/channel';
import type { Logger } from '../../src/core/ports';
import { errorMessage } from '../../src/core/error-message';
import { BodyError, readBody, sendStatus } from '../../src/server/http-body';
import { headerValue } from '../shared/http';

export type FormParams = Readonly<Record<string, string>>;

export interface SignedRequest {
  readonly params: FormParams;
  /** The query of the URL Twilio called: the call's state our own action URLs carry. */
  readonly query: URLSearchParams;
}

/** TwiML to answer with; an empty string answers 204. */
export type TwimlHandler = (request: SignedRequest) => Promise<string>;

export const SIGNATURE_HEADER = 'x-twilio-signature';

export function createSignedWebhook(
  options: { readonly authToken: string; readonly webhookBaseUrl: string; readonly logger: Logger },
  handle: TwimlHandler,
): HttpHandler {
  const { logger } = options;
  const run = async (...[request, response]: Parameters<HttpHandler>): Promise<void> => {
    let body: string;
    try {
      body = await readBody(request, 64 * 1024);
    } catch (error) {
      sendStatus(response, error instanceof BodyError ? error.status : 400);
      return;
    }
    const params = Object.fromEntries(new URLSearchParams(body));
    const publicUrl = `${options.webhookBaseUrl}${request.url ?? '/'}`;
    const signature = headerValue(request, SIGNATURE_HEADER);
    if (
      signature === undefined ||
      !twilio.validateRequest(options.authToken, signature, publicUrl, params)
    ) {
      logger.warn(
        { path: new URL(publicUrl).pathname, signed: signature !== undefined },
        'twilio request without a valid signature; refused',
      );
      sendStatus(response, 403);
      return;
    }
    const twiml = await handle({ params, query: new URL(publicUrl).searchParams });
    if (twiml === '') {
      sendStatus(response, 204);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    response.end(twiml);
  };
  return (request, response) => {
    run(request, response).catch((error: unknown) => {
      logger.error({ error: errorMessage(error) }, 'twilio webhook failed');
      sendStatus(response, 500);
    });
  };
}
