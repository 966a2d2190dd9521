/**
 * Who may use the web chat API, and how fast: CORS for the allowed origins only, a bearer session
 * token for every conversation endpoint (401 without a valid one, 403 for another conversation),
 * and 429 + Retry-After per client address (behind a trusted proxy, the one it forwards for) and
 * per conversation.
 */
import type http from 'node:http';
import type { WebchatConfig } from '../../src/config/webchat-schema';
import { sendJson } from '../../src/server/http-body';
import { createClientAddress } from './client-address';
import { createRateLimiter } from './rate-limiter';
import type { SessionTokens } from './session-tokens';

export interface WebchatGuard {
  /** Adds CORS headers for an allowed Origin; false (and 403 sent) for a preflight from another. */
  cors(request: http.IncomingMessage, response: http.ServerResponse): boolean;
  /** Per-address limit; false when 429 was sent. */
  admitAddress(request: http.IncomingMessage, response: http.ServerResponse): boolean;
  /**
   * The token's conversation (checked against `requested` when the client names one), or null
   * when 401/403/429 was sent.
   */
  authenticate(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    requested?: string,
  ): string | null;
}

export function createWebchatGuard(
  config: WebchatConfig,
  tokens: SessionTokens,
  now: () => number,
): WebchatGuard {
  const allowed = new Set(config.allowedOrigins);
  const perAddress = createRateLimiter(config.rateLimit.perAddress, now);
  const perToken = createRateLimiter(config.rateLimit.perToken, now);
  const clientAddress = createClientAddress(config.trustedProxies);
  const tooMany = (response: http.ServerResponse, seconds: number): void => {
    response.setHeader('retry-after', String(seconds));
    sendJson(response, 429, { error: `too many requests; retry after ${seconds} s` });
  };
  return {
    cors(request, response) {
      const origin = request.headers.origin;
      if (origin === undefined) return true;
      if (!allowed.has(origin)) {
        if (request.method === 'OPTIONS') {
          sendJson(response, 403, { error: 'this origin is not in webchat.allowedOrigins' });
          return false;
        }
        return true;
      }
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
      response.setHeader('access-control-allow-methods', 'GET, POST');
      response.setHeader(
        'access-control-allow-headers',
        'authorization, content-type, last-event-id',
      );
      response.setHeader('access-control-expose-headers', 'retry-after');
      response.setHeader('access-control-max-age', '600');
      return true;
    },
    admitAddress(request, response) {
      const wait = perAddress.take(clientAddress(request));
      if (wait === 0) return true;
      tooMany(response, wait);
      return false;
    },
    authenticate(request, response, requested) {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        sendJson(response, 401, {
          error: 'send Authorization: Bearer <token> from POST /webchat/sessions',
        });
        return null;
      }
      const verified = tokens.verify(match[1]);
      if ('refused' in verified) {
        sendJson(response, 401, {
          error:
            verified.refused === 'expired'
              ? 'the session expired; start a new one with POST /webchat/sessions'
              : 'the token is not valid; start a session with POST /webchat/sessions',
        });
        return null;
      }
      if (requested !== undefined && requested !== verified.conversationId) {
        sendJson(response, 403, { error: 'this token belongs to another conversation' });
        return null;
      }
      if (!this.admitAddress(request, response)) return null;
      const wait = perToken.take(verified.conversationId);
      if (wait !== 0) {
        tooMany(response, wait);
        return null;
      }
      return verified.conversationId;
    },
  };
}
