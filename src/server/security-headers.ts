/**
 * Headers every response of the bot's server carries, whatever route answers (404s included):
 * a strict Content-Security-Policy without inline script, nosniff, a referrer policy and a frame
 * policy. Pages that may be framed (the web chat) widen `frame-ancestors` with framePolicy().
 */
import type { ServerResponse } from 'node:http';

/** Scripts, styles and requests only from the bot's own origin; images also from https (logos). */
const basePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  return `${basePolicy}; frame-ancestors ${ancestors}`;
}

export function applySecurityHeaders(response: ServerResponse): void {
  response.setHeader('content-security-policy', contentSecurityPolicy([]));
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
}

/**
 * Lets a page be framed by the server's own pages and by `origins` (webchat.allowedOrigins).
 * X-Frame-Options cannot list several origins, so it is dropped; frame-ancestors decides.
 */
export function allowFraming(response: ServerResponse, origins: readonly string[]): void {
  response.setHeader('content-security-policy', contentSecurityPolicy(["'self'", ...origins]));
  response.removeHeader('x-frame-options');
}
