/**
 * The channel registry through the real composition root: with their variables set, `createApp`
 * starts Telegram, Slack and Teams against the local stand-ins and each one answers; without
 * them, each channel is reported off with the variables it misses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSlackAdapter } from '../../adapters/slack/slack-adapter';
import { createTelegramAdapter } from '../../adapters/telegram/telegram-adapter';
import { telegramOptionsFromEnv } from '../../adapters/telegram/options-from-env';
import { slackOptionsFromEnv } from '../../adapters/slack/options-from-env';
import { teamsOptionsFromEnv } from '../../adapters/teams/options-from-env';
import { createApp, type App } from '../../src/app';
import { channelDefinitions, missingEnv } from '../../src/channels';
import { createMemoryOutboxStore } from '../../src/storage/memory/outbox-store';
import {
  postActivity,
  startConnectorStandIn,
  teamsMessage,
  type ConnectorStandIn,
} from '../stand-ins/bot-framework-connector';
import {
  directMessage,
  eventEnvelope,
  postToApp,
  startSlackStandIn,
  type SlackStandIn,
} from '../stand-ins/slack-web-api';
import { startTelegramStandIn, type TelegramStandIn } from '../stand-ins/telegram-bot-api';
import { createRootDir } from './support/real-core';
import { createTestLogger } from './support/test-logger';

describe('channel registry', () => {
  let telegram: TelegramStandIn;
  let slack: SlackStandIn;
  let connector: ConnectorStandIn;
  let app: App | null = null;
  let rootDir: string;

  beforeEach(async () => {
    telegram = await startTelegramStandIn();
    slack = await startSlackStandIn();
    connector = await startConnectorStandIn();
    rootDir = createRootDir();
  });

  afterEach(async () => {
    await app?.close();
    app = null;
    await Promise.all([telegram.close(), slack.close(), connector.close()]);
    rmSync(rootDir, { recursive: true, force: true });
  });

  const open = (env: Record<string, string>): App =>
    createApp({
      rootDir,
      dbPath: path.join(mkdtempSync(path.join(tmpdir(), 'aftercare-channels-')), 'db.sqlite'),
      logger: createTestLogger(),
      env: { AFTERCARE_HOST: '127.0.0.1', AFTERCARE_PORT: '0', ...env },
    });

  it('starts every channel whose variables are set, and each answers through its platform', async () => {
    const signingSecret = 'registry-test-signing-secret';
    app = open({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ENABLED: '1',
    });
    expect(app.channels).toEqual([
      { channel: 'telegram', started: true, missing: [] },
      { channel: 'slack', started: true, missing: [] },
      { channel: 'teams', started: true, missing: [] },
      {
        channel: 'voice',
        started: false,
        missing: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WEBHOOK_BASE_URL'],
      },
      {
        channel: 'sms',
        started: false,
        missing: [
          ...['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WEBHOOK_BASE_URL'],
          'TWILIO_PHONE_NUMBER',
        ],
      },
    ]);
    const url = await app.start();

    telegram.pushUpdate(telegram.textUpdate({ chatId: 1, text: 'How long is the warranty?' }));
    await telegram.log.waitForSucceeded('sendMessage');
    const slackEvent = await postToApp(
      `${url}/slack/events`,
      JSON.stringify(eventEnvelope(directMessage('How long is the warranty?'))),
      'application/json',
      { signingSecret },
    );
    await slack.log.waitForSucceeded('chat.postMessage');
    const teamsActivity = await postActivity(
      `${url}/api/messages`,
      teamsMessage({ serviceUrl: connector.serviceUrl, text: 'How long is the warranty?' }),
    );

    expect([slackEvent.status, teamsActivity.status]).toEqual([200, 200]);
    // Teams answers 200 once the turn is committed; the reply follows from the outbox.
    await connector.log.waitUntil(() => connector.sent().length > 0, 'the Teams answer');
    const stored = app.db
      .prepare(
        "SELECT channel, COUNT(*) AS n FROM messages WHERE direction = 'in' GROUP BY channel ORDER BY channel",
      )
      .all();
    expect(stored).toEqual([
      { channel: 'slack', n: 1 },
      { channel: 'teams', n: 1 },
      { channel: 'telegram', n: 1 },
    ]);
  });

  it('reports each channel off with the variables it misses', async () => {
    app = open({});
    expect(app.channels).toEqual([
      { channel: 'telegram', started: false, missing: ['TELEGRAM_BOT_TOKEN'] },
      { channel: 'slack', started: false, missing: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] },
      { channel: 'teams', started: false, missing: ['TEAMS_ENABLED'] },
      {
        channel: 'voice',
        started: false,
        missing: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WEBHOOK_BASE_URL'],
      },
      {
        channel: 'sms',
        started: false,
        missing: [
          ...['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WEBHOOK_BASE_URL'],
          'TWILIO_PHONE_NUMBER',
        ],
      },
    ]);
  });
});

describe('channel variables', () => {
  const teams = channelDefinitions.find((definition) => definition.channel === 'teams');

  it('starts Teams with TEAMS_ENABLED, or with a MicrosoftAppId alone', async () => {
    if (teams === undefined) throw new Error('no teams channel');
    expect(missingEnv(teams, {})).toEqual(['TEAMS_ENABLED']);
    expect(missingEnv(teams, { TEAMS_ENABLED: '1' })).toEqual([]);
    expect(missingEnv(teams, { MicrosoftAppId: 'b0a7' })).toEqual([]);
    expect(missingEnv(teams, { MicrosoftAppId: '  ' })).toEqual(['TEAMS_ENABLED']);
  });

  it('explains what is wrong with a variable and how to fix it', async () => {
    expect(() => telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: 'xoxb-wrong' })).toThrow(
      /@BotFather/,
    );
    expect(() =>
      telegramOptionsFromEnv({
        TELEGRAM_BOT_TOKEN: '1:abc',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram',
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET is required/);
    expect(() =>
      slackOptionsFromEnv({ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 's' }),
    ).toThrow(/Bot User OAuth Token/);
    expect(() =>
      slackOptionsFromEnv({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_APP_TOKEN: 'xoxb-2',
      }),
    ).toThrow(/connections:write/);
    expect(() => teamsOptionsFromEnv({ MicrosoftAppId: 'b0a7' })).toThrow(
      /MicrosoftAppPassword is required/,
    );
    expect(() =>
      teamsOptionsFromEnv({
        MicrosoftAppId: 'b0a7',
        MicrosoftAppPassword: 'p',
        MicrosoftAppType: 'SingleTenant',
      }),
    ).toThrow(/MicrosoftAppTenantId/);
    expect(() =>
      teamsOptionsFromEnv({
        MicrosoftAppId: 'b0a7',
        MicrosoftAppPassword: 'p',
        MicrosoftAppType: 'Multi',
      }),
    ).toThrow(/MultiTenant, SingleTenant, UserAssignedMSI/);
  });

  it('reads the optional variables', async () => {
    expect(
      telegramOptionsFromEnv({
        TELEGRAM_BOT_TOKEN: '1:abc',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg',
        TELEGRAM_WEBHOOK_SECRET: 's3cret',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:1',
      }),
    ).toEqual({
      token: '1:abc',
      apiRoot: 'http://127.0.0.1:1',
      webhook: { url: 'https://bot.example.com/tg', secretToken: 's3cret' },
    });
    expect(
      slackOptionsFromEnv({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_API_URL: 'http://127.0.0.1:2/api',
      }),
    ).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's',
      appToken: 'xapp-1',
      apiUrl: 'http://127.0.0.1:2/api/',
    });
    expect(teamsOptionsFromEnv({ TEAMS_ENABLED: '1', TEAMS_OUTBOX_DELAYS_MS: '20, 20' })).toEqual({
      laterDelaysMs: [20, 20],
    });
    expect(
      telegramOptionsFromEnv({
        TELEGRAM_BOT_TOKEN: '1:abc',
        TELEGRAM_RETRY_DELAYS_MS: '5,5',
        TELEGRAM_OUTBOX_DELAYS_MS: '10',
      }),
    ).toMatchObject({ retry: { delaysMs: [5, 5] }, laterDelaysMs: [10] });
    expect(
      slackOptionsFromEnv({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_RETRY_DELAYS_MS: '5',
      }),
    ).toMatchObject({ retry: { delaysMs: [5] } });
    expect(() =>
      telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_RETRY_DELAYS_MS: '1s,2s' }),
    ).toThrow(/comma-separated list of waits in milliseconds/);
    expect(teamsOptionsFromEnv({ MicrosoftAppId: 'b0a7', MicrosoftAppPassword: 'p' })).toEqual({
      appId: 'b0a7',
      appPassword: 'p',
      appType: 'MultiTenant',
    });
  });
});

describe('start-up errors', () => {
  it('says when Telegram or Slack refuses the token, and when it cannot be reached', async () => {
    const telegram = await startTelegramStandIn();
    const slack = await startSlackStandIn();
    const context = {
      handle: () => Promise.resolve([]),
      logger: createTestLogger(),
      references: {
        saveReference: () => Promise.resolve(),
        loadReference: () => Promise.resolve(null),
      },
      routes: { add: () => undefined },
      maxBodyBytes: 65_536,
      outbox: createMemoryOutboxStore(),
    };
    try {
      await expect(
        createTelegramAdapter({ token: '999:wrong', apiRoot: telegram.apiRoot }, context).start(),
      ).rejects.toThrow(/Telegram refused the bot token.*TELEGRAM_BOT_TOKEN/);
      await expect(
        createTelegramAdapter(
          {
            token: telegram.token,
            apiRoot: 'http://127.0.0.1:9',
            retry: { delaysMs: [5], maxRetryAfterMs: 100 },
          },
          context,
        ).start(),
      ).rejects.toThrow(/Could not reach the Telegram Bot API/);
      await expect(
        createSlackAdapter(
          { botToken: 'xoxb-wrong', signingSecret: 's', apiUrl: slack.apiUrl },
          context,
        ).start(),
      ).rejects.toThrow(/Slack refused the bot token.*SLACK_BOT_TOKEN/);
      await expect(
        createSlackAdapter(
          {
            botToken: slack.botToken,
            signingSecret: 's',
            apiUrl: 'http://127.0.0.1:9/api/',
            retry: { delaysMs: [5], maxRetryAfterMs: 100 },
          },
          context,
        ).start(),
      ).rejects.toThrow(/Could not reach the Slack Web API/);
    } finally {
      await telegram.close();
      await slack.close();
    }
  });
});
