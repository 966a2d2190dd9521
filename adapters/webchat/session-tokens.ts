/**
 * Web chat session tokens: `<base64url payload>.<base64url HMAC-SHA256>`, the payload naming the
 * conversation and when the token stops being accepted. Every accepted request returns a fresh
 * token, so "expires" means "idle for longer than the configured time".
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SessionTokens {
  issue(conversationId: string): string;
  /** The token's conversation, or why it is refused. */
  verify(token: string): { conversationId: string } | { refused: 'invalid' | 'expired' };
}

export function createSessionTokens(options: {
  readonly secret: string;
  readonly idleMs: number;
  readonly now: () => Date;
}): SessionTokens {
  const sign = (payload: string): Buffer =>
    createHmac('sha256', options.secret).update(payload).digest();
  return {
    issue(conversationId) {
      const payload = Buffer.from(
        JSON.stringify({ c: conversationId, e: options.now().getTime() + options.idleMs }),
      ).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    verify(token) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return { refused: 'invalid' };
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { refused: 'invalid' };
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        c: string;
        e: number;
      };
      if (claims.e < options.now().getTime()) return { refused: 'expired' };
      return { conversationId: claims.c };
    },
  };
}

export const newConversationId = (): string => `web-${randomBytes(16).toString('hex')}`;
