/**
 * The admin token (AFTERCARE_ADMIN_TOKEN) as HTTP credentials: the browser's own Basic login
 * (any user name, the token as password), so the page needs no login form or cookie, or
 * `Authorization: Bearer <token>` for scripts. Missing or wrong credentials: 401 with the
 * challenge; no token configured: 403 (the page is off).
 */
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { sendJson } from '../http-body';

export type AdminVerdict = 'allowed' | 'unauthorized' | 'off';

const same = (given: string, wanted: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(wanted);
  return a.length === b.length && timingSafeEqual(a, b);
};

export function adminVerdict(request: http.IncomingMessage, token: string | null): AdminVerdict {
  if (token === null) return 'off';
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer (.+)$/.exec(header)?.[1];
  if (bearer !== undefined) return same(bearer, token) ? 'allowed' : 'unauthorized';
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header)?.[1];
  if (basic === undefined) return 'unauthorized';
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const password = decoded.slice(decoded.indexOf(':') + 1);
  return decoded.includes(':') && same(password, token) ? 'allowed' : 'unauthorized';
}

/** Answers a request that is not allowed; true when it did. */
export function refuseAdmin(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  token: string | null,
): boolean {
  const verdict = adminVerdict(request, token);
  if (verdict === 'allowed') return false;
  if (verdict === 'off') {
    sendJson(response, 403, {
      error: 'the admin page is off: set AFTERCARE_ADMIN_TOKEN and restart (docs/privacy.md)',
    });
    return true;
  }
  response.setHeader('www-authenticate', 'Basic realm="Aftercare admin", charset="UTF-8"');
  sendJson(response, 401, {
    error:
      'log in with the admin token as password, or send Authorization: Bearer <AFTERCARE_ADMIN_TOKEN>',
  });
  return true;
}
