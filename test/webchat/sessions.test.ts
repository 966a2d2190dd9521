/**
 * The web chat's API against the real app: sessions and tokens (401 without, 403 for another
 * conversation), rate limits (429 + Retry-After for a flooding token while another customer is
 * still answered), CORS for allowed origins only, and the security headers on every response.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';
import { startApp, type RunningApp } from '../helpers/start-app';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const allowedOrigin = 'https://shop.example.com';
let running: RunningApp;

beforeAll(async () => {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const configPath = path.join(makeTempDir('aftercare-config-'), 'bot.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...config,
      webchat: {
        allowedOrigins: [allowedOrigin],
        rateLimit: {
          perToken: { perMinute: 30, burst: 5 },
          perAddress: { perMinute: 600, burst: 400 },
        },
      },
    }),
  );
  running = await startApp({ configPath });
});
afterAll(async () => {
  await running?.close();
  removeTempDirs();
});

interface Session {
  conversationId: string;
  token: string;
}

async function session(locale?: string): Promise<Session> {
  const response = await fetch(`${running.url}/webchat/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(locale ? { locale } : {}),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Session;
}

let sequence = 0;
function say(token: string | null, text: string, extra: Record<string, unknown> = {}) {
  return fetch(`${running.url}/webchat/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ messageId: `m-${(sequence += 1)}`, text, ...extra }),
  });
}

const get = (pathAndQuery: string, token: string | null) =>
  fetch(`${running.url}${pathAndQuery}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('web chat sessions', () => {
  it("a session answers in the customer's language and the token reads only its own conversation", async () => {
    const a = await session('fa');
    const b = await session();
    expect(a.conversationId).not.toBe(b.conversationId);
    const answered = await say(a.token, 'گارانتی محصول چقدر است؟');
    expect(answered.status).toBe(200);
    const body = (await answered.json()) as { replies: { locale: string; faq: string }[] };
    expect(
      body.replies.some((reply) => reply.faq === 'warranty-period' && reply.locale === 'fa'),
    ).toBe(true);

    const updates = (await (await get('/webchat/updates?after=0', a.token)).json()) as {
      replies: unknown[];
    };
    expect(updates.replies.length).toBeGreaterThan(0);
    const history = (await (await get('/webchat/history', a.token)).json()) as {
      customer: { text: string }[];
    };
    expect(history.customer.map((line) => line.text)).toEqual(['گارانتی محصول چقدر است؟']);
    // B's token sees nothing of A's conversation.
    const other = (await (await get('/webchat/updates?after=0', b.token)).json()) as {
      replies: unknown[];
    };
    expect(other.replies).toEqual([]);
  });

  it.each(['/webchat/updates', '/webchat/events', '/webchat/history'])(
    "GET %s: 401 without a token or with a forged one, 403 with another conversation's",
    async (route) => {
      const a = await session();
      const b = await session();
      expect((await get(route, null)).status).toBe(401);
      expect((await get(route, `${a.token}x`)).status).toBe(401);
      expect((await get(`${route}?conversationId=${a.conversationId}`, b.token)).status).toBe(403);
    },
  );

  it('POST /webchat/messages: 401 without a token, 403 for another conversation, nothing written there', async () => {
    const a = await session();
    const b = await session();
    expect((await say(null, 'hello')).status).toBe(401);
    expect((await say('not-a-token', 'hello')).status).toBe(401);
    expect(
      (await say(b.token, 'talk to a person', { conversationId: a.conversationId })).status,
    ).toBe(403);
    expect(
      await running.app.store.transcript({ channel: 'webchat', conversationId: a.conversationId }),
    ).toEqual([]);
  });

  it('a flooding token gets 429 with Retry-After while another customer is still answered', async () => {
    const flooder = await session();
    const other = await session();
    const flood = Array.from({ length: 60 }, () => say(flooder.token, 'How long is the warranty?'));
    const timings: number[] = [];
    const others: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const started = performance.now();
      const response = await say(other.token, 'What are your opening hours?');
      timings.push(performance.now() - started);
      others.push(response.status);
    }
    const statuses = await Promise.all(flood);
    const refused = statuses.filter((response) => response.status === 429);
    expect(refused.length).toBeGreaterThan(40);
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(others).toEqual([200, 200, 200, 200, 200]);
    const sorted = [...timings].sort((x, y) => x - y);
    // Reported, not asserted: the figure for the "under 100 ms p95".
    process.stdout.write(
      `other client during a flood: p95 ${sorted[Math.ceil(sorted.length * 0.95) - 1]!.toFixed(1)} ms\n`,
    );
  });

  it('CORS is answered for an allowed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${running.url}/webchat/messages`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight(allowedOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const refused = await preflight('https://evil.example.net');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const plain = await fetch(`${running.url}/webchat/config`, {
      headers: { origin: 'https://evil.example.net' },
    });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(['/', '/webchat/widget.js', '/webchat/config', '/healthz', '/no-such-page'])(
    'GET %s carries the security headers',
    async (route) => {
      const response = await fetch(`${running.url}${route}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toMatch(/frame-ancestors /);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    },
  );

  it('the chat page may be framed by the allowed origins only; other responses by no one', async () => {
    const page = await fetch(`${running.url}/webchat/frame`);
    expect(page.headers.get('content-security-policy')).toContain(
      `frame-ancestors 'self' ${allowedOrigin}`,
    );
    const api = await fetch(`${running.url}/healthz`);
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(api.headers.get('x-frame-options')).toBe('DENY');
  });
});
