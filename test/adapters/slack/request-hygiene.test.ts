/**
 * Request hygiene at the real app's webhooks (createApp with Slack and Telegram configured, the
 * real Bolt SDK and grammY, the platforms' stand-ins on 127.0.0.1): a 50 MB POST is refused as
 * soon as its headers or its first bytes over `server.maxBodyBytes` say so, without the process
 * holding the body in memory; a signed Slack request stamped more than 5 minutes in the future
 * is refused like a stale one.
 */
import http from 'node:http';
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import { silentLogger } from '../../../src/logger';
import { makeTempDir } from '../../helpers/temp-dir';
import { repoRoot } from '../../helpers/paths';
import { postToApp, startSlackStandIn, type SlackStandIn } from '../../stand-ins/slack-web-api';
import { startTelegramStandIn, type TelegramStandIn } from '../../stand-ins/telegram-bot-api';

const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const telegramSecret = 'telegram-webhook-secret-1';
const fiftyMegabytes = 50 * 1024 * 1024;

let slack: SlackStandIn;
let telegram: TelegramStandIn;
let app: App;
let url: string;

beforeAll(async () => {
  slack = await startSlackStandIn();
  telegram = await startTelegramStandIn();
  app = createApp({
    rootDir: repoRoot,
    dbPath: path.join(makeTempDir('aftercare-hygiene-'), 'bot.db'),
    logger: silentLogger,
    env: {
      AFTERCARE_PORT: '0',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: telegramSecret,
    },
  });
  url = await app.start();
  expect(app.channelsDown).toEqual([]);
});
afterAll(async () => {
  await app.close();
  await slack.close();
  await telegram.close();
});

interface BigPostResult {
  readonly status: number;
  readonly body: string;
  /** Bytes the client had written when the answer came. */
  readonly sentWhenAnswered: number;
  /** Highest resident set size of this process (app and client) during the request, minus before. */
  readonly rssGrowthMb: number;
}

/**
 * Streams `total` bytes of JSON-ish filler with chunked encoding (no content-length, so only the
 * bytes themselves can tell the size), respecting back-pressure so the client buffers nothing.
 */
function postHuge(target: string, headers: Record<string, string>, total: number) {
  return new Promise<BigPostResult>((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
    let sent = 0;
    let sentWhenAnswered = -1;
    const request = http.request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers },
    });
    request.on('response', (response) => {
      sentWhenAnswered = sent;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage.rss());
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(parts).toString(),
          sentWhenAnswered,
          rssGrowthMb: (peak - rssBefore) / (1024 * 1024),
        });
      });
    });
    // The server may close the connection after answering; the answer is what counts.
    request.on('error', (error) => (sentWhenAnswered < 0 ? reject(error) : undefined));
    const write = (): void => {
      while (sent < total && sentWhenAnswered < 0) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', write);
          return;
        }
      }
      request.end();
    };
    write();
  });
}

function report(name: string, result: BigPostResult): void {
  process.stdout.write(
    `${name}: ${result.status} after ${Math.round(result.sentWhenAnswered / 1024)} KB sent; rss growth ${result.rssGrowthMb.toFixed(1)} MB\n`,
  );
}

describe('Slack: refused before the body is read', () => {
  test('an unsigned 50 MB POST is 401 without the process holding the body', async () => {
    const result = await postHuge(`${url}/slack/events`, {}, fiftyMegabytes);
    report('unsigned 50 MB to /slack/events', result);
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body)).toEqual({ error: expect.stringMatching(/not signed/) });
    expect(result.sentWhenAnswered).toBeLessThan(fiftyMegabytes);
    expect(result.rssGrowthMb).toBeLessThan(30);
  });

  test('a 50 MB POST with signature headers is 413 once it passes the limit', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const result = await postHuge(
      `${url}/slack/events`,
      { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': 'v0=00' },
      fiftyMegabytes,
    );
    report('signed-looking 50 MB to /slack/events', result);
    expect(result.status).toBe(413);
    expect(result.sentWhenAnswered).toBeLessThan(fiftyMegabytes);
    expect(result.rssGrowthMb).toBeLessThan(30);
  });

  test('a declared content-length over the limit is 413 from the headers alone', async () => {
    const response = await fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': 'v0=00',
      },
      body: 'x'.repeat(app.config.server.maxBodyBytes + 1),
    });
    expect(response.status).toBe(413);
  });

  const challenge = JSON.stringify({
    token: 'legacy',
    challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    type: 'url_verification',
  });
  const signedAt = (offsetSeconds: number) =>
    postToApp(`${url}/slack/events`, challenge, 'application/json', {
      signingSecret,
      timestamp: Math.floor(Date.now() / 1000) + offsetSeconds,
    });

  test('correctly signed but stamped 10 minutes ahead or behind: 401; a minute off either way: answered', async () => {
    expect((await signedAt(10 * 60)).status).toBe(401);
    expect((await signedAt(-10 * 60)).status).toBe(401);
    expect((await signedAt(5 * 60 + 30)).status).toBe(401);
    for (const offset of [60, -60, 0]) {
      const answered = await signedAt(offset);
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.body)).toMatchObject({ challenge: expect.any(String) });
    }
  });

  test('a correctly stamped request with a wrong signature is still refused by Bolt', async () => {
    const forged = await postToApp(`${url}/slack/events`, challenge, 'application/json', {
      signingSecret: 'forged',
    });
    expect(forged.status).toBe(401);
  });
});

describe('Telegram webhook', () => {
  test('a 50 MB body is 413 (not a reset), without the process holding it', async () => {
    const result = await postHuge(
      `${url}/telegram/webhook`,
      { 'x-telegram-bot-api-secret-token': telegramSecret },
      fiftyMegabytes,
    );
    report('50 MB to /telegram/webhook', result);
    expect(result.status).toBe(413);
    expect(result.rssGrowthMb).toBeLessThan(30);
  });
});
