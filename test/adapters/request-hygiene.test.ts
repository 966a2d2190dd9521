/**
 * Request hygiene at the real app's webhooks (createApp with Slack, Telegram and Teams configured,
 * the real Bolt SDK, grammY and botbuilder, the platforms' stand-ins on 127.0.0.1): a 50 MB POST is refused as
 * soon as its headers or its first bytes over `server.maxBodyBytes` say so, without the process
 * holding the body in memory; a signed Slack request stamped more than 5 minutes in the future
 * is refused like a stale one.
 */
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { silentLogger } from '../../src/logger';
import { fiftyMegabytes, postHuge, reportHugePost as report } from '../helpers/huge-post';
import { makeTempDir } from '../helpers/temp-dir';
import { repoRoot } from '../helpers/paths';
import { postToApp, startSlackStandIn, type SlackStandIn } from '../stand-ins/slack-web-api';
import { startTelegramStandIn, type TelegramStandIn } from '../stand-ins/telegram-bot-api';

const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const telegramSecret = 'telegram-webhook-secret-1';

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
      // With an app id, Teams requests need a Bot Framework token (never reached here).
      MicrosoftAppId: '00000000-0000-0000-0000-00000000b0a7',
      MicrosoftAppPassword: 'not-used-here',
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

describe('Teams /api/messages', () => {
  test('a 50 MB POST without a token is 401 before its body is read', async () => {
    const result = await postHuge(`${url}/api/messages`, {}, fiftyMegabytes);
    report('50 MB without a token to /api/messages', result);
    expect(result.status).toBe(401);
    expect(result.sentWhenAnswered).toBeLessThan(fiftyMegabytes);
    expect(result.rssGrowthMb).toBeLessThan(30);
  });

  test('a 50 MB POST with a token is 413 once it passes the limit, before the token is checked', async () => {
    const result = await postHuge(
      `${url}/api/messages`,
      { authorization: 'Bearer not-a-real-token' },
      fiftyMegabytes,
    );
    report('50 MB with a token to /api/messages', result);
    expect(result.status).toBe(413);
    expect(result.sentWhenAnswered).toBeLessThan(fiftyMegabytes);
    expect(result.rssGrowthMb).toBeLessThan(30);
  });
});
