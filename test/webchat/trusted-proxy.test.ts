/**
 * The per-address rate limit behind a reverse proxy: X-Forwarded-For is believed only from a
 * trusted proxy (webchat.trustedProxies). The tests' requests come from 127.0.0.1, which plays
 * the proxy in one app and a customer forging the header in the other.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';
import { startApp, type RunningApp } from '../helpers/start-app';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

async function appWith(trustedProxies: string[]): Promise<RunningApp> {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8')) as object;
  const configPath = path.join(makeTempDir('aftercare-config-'), 'bot.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...config,
      webchat: {
        trustedProxies,
        rateLimit: { perAddress: { perMinute: 1, burst: 3 } },
      },
    }),
  );
  return startApp({ configPath });
}

const newSession = (running: RunningApp, forwardedFor: string) =>
  fetch(`${running.url}/webchat/sessions`, {
    method: 'POST',
    headers: { 'x-forwarded-for': forwardedFor },
  }).then((response) => response.status);

afterAll(removeTempDirs);

describe('behind a trusted proxy (127.0.0.1)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await appWith(['127.0.0.1', '10.0.0.0/8']);
  });
  afterAll(() => running.close());

  it('each forwarded client has its own limit; trusted hops are skipped', async () => {
    const first = [];
    for (let index = 0; index < 4; index += 1) first.push(await newSession(running, '203.0.113.1'));
    expect(first).toEqual([201, 201, 201, 429]);
    // Another customer behind the same proxy is not refused for the first one's requests.
    expect(await newSession(running, '203.0.113.2')).toBe(201);
    // The client named by a second (trusted) proxy hop: still the first customer.
    expect(await newSession(running, '203.0.113.1, 10.1.2.3')).toBe(429);
  });

  it('a client cannot pick its own address by prepending one: the rightmost untrusted hop counts', async () => {
    const statuses = [];
    for (let index = 0; index < 4; index += 1)
      statuses.push(await newSession(running, `198.51.100.${index + 10}, 203.0.113.7`));
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});

describe('without trusted proxies', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await appWith([]);
  });
  afterAll(() => running.close());

  it('X-Forwarded-For is ignored: a flooder cannot dodge the limit by inventing addresses', async () => {
    const statuses = [];
    for (let index = 0; index < 5; index += 1)
      statuses.push(await newSession(running, `203.0.113.${index + 1}`));
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });
});
