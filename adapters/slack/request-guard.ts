/**
 * What the bot checks before Bolt's HTTPReceiver sees a request. Bolt reads the whole body into
 * memory before it verifies the signature, whatever its size (an unsigned 50 MB POST grew the
 * process by 100 MB), and it refuses stale timestamps but not ones in the future. So: no
 * signature headers or a timestamp off by more than 5 minutes either way is a 401 before a byte
 * of the body is read; a body over `server.maxBodyBytes` is a 413 as soon as it passes the limit.
 * The body read here is handed to Bolt as `rawBody`, which it uses instead of reading again, and
 * Bolt still checks the signature itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../../src/core/error-message';
import type { Logger } from '../../src/core/ports';
import { BodyError, readBodyBytes, sendJson } from '../../src/server/http-body';

/** Slack's own rule for replayed requests, applied both ways. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface SlackRequestGuardOptions {
  readonly maxBodyBytes: number;
  readonly now: () => Date;
  readonly logger: Logger;
}

type Listener = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export function guardSlackRequests(
  listener: Listener,
  options: SlackRequestGuardOptions,
): Listener {
  return async (request, response) => {
    const refusal = headerRefusal(request, options.now());
    if (refusal !== null) {
      options.logger.warn({ reason: refusal }, 'slack request refused before reading its body');
      // The body is discarded as it arrives, never buffered.
      request.resume();
      sendJson(response, 401, { error: refusal });
      return;
    }
    try {
      const body = await readBodyBytes(request, options.maxBodyBytes);
      (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
      await listener(request, response);
    } catch (error) {
      // The server does not await its handlers: every failure is answered here.
      if (error instanceof BodyError) {
        options.logger.warn({ status: error.status }, 'slack request refused: body too large');
        sendJson(response, error.status, { error: error.message });
      } else {
        options.logger.error({ error: errorMessage(error) }, 'slack request failed');
        sendJson(response, 500, { error: 'internal error' });
      }
    }
  };
}

function headerRefusal(request: IncomingMessage, now: Date): string | null {
  const signature = request.headers['x-slack-signature'];
  const timestampText = request.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestampText !== 'string')
    return 'not signed: x-slack-signature and x-slack-request-timestamp are required';
  const timestamp = Number(timestampText);
  if (!Number.isInteger(timestamp)) return 'x-slack-request-timestamp is not a number of seconds';
  if (Math.abs(now.getTime() / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS)
    return 'x-slack-request-timestamp is more than 5 minutes from now';
  return null;
}
