/**
 * Small helpers for webhooks mounted on the bot's own node:http server. Bodies are read and
 * answered with src/server/http-body.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Compares a secret from a request with the configured one in constant time. Both are hashed
 * first so that neither their content nor their length leaks through timing.
 */
export function secretMatches(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(received), digest(expected));
}

export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
