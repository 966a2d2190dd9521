/**
 * The real app (createApp) with the customer on Telegram and staff on Slack, both local
 * stand-ins of the platforms on 127.0.0.1, the SDKs pointed at them through the environment.
 * The app's clock is manual (business hours, retries, follow-ups); a SQLite file in a temp
 * folder, kept across `restart()`, which closes the app and creates a new one on the same file.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createApp, type App } from '../../../../src/app';
import type { BotConfig } from '../../../../src/config/config-schema';
import { createTestLogger, type TestLogger } from '../../../adapters/support/test-logger';
import { repoRoot } from '../../../helpers/paths';
import { makeTempDir } from '../../../helpers/temp-dir';
import {
  buttonPress,
  eventEnvelope,
  nextMessageTs,
  postToApp,
  startSlackStandIn,
  type SlackPost,
  type SlackStandIn,
} from '../../../stand-ins/slack-web-api';
import {
  customer,
  startTelegramStandIn,
  type TelegramStandIn,
} from '../../../stand-ins/telegram-bot-api';
import {
  postActivity,
  startConnectorStandIn,
  teamsMessage,
  type ConnectorStandIn,
} from '../../../stand-ins/bot-framework-connector';
import { manualClock, type ManualClock } from './fakes';

export const STAFF_CHANNEL = 'C0STAFF01';
/** The Teams channel of the connector stand-in's channel activities. */
export const TEAMS_STAFF_CHANNEL = '19:4dc1c0d1b2f1468fa0d1@thread.tacv2';
export const CHAT_ID = 4201;
export const signingSecret = 'e2e-signing-secret-0123456789abcdef';
const webhookSecret = 'e2e-telegram-webhook-secret';

/** A free port on 127.0.0.1, so the Telegram webhook URL is known before the app starts (and after a restart). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Monday 2 March 2026, 10:00 in Tehran: the shipped business hours are open. */
export const OPEN_HOURS = '2026-03-02T06:30:00Z';
/** Friday 6 March 2026, 10:00 in Tehran: closed all day (opens Saturday 08:00). */
export const FRIDAY = '2026-03-06T06:30:00Z';

export interface HandoffWorld {
  readonly telegram: TelegramStandIn;
  readonly slack: SlackStandIn;
  readonly clock: ManualClock;
  readonly logger: TestLogger;
  app: App;
  url: string;
  /** The customer writes on Telegram; resolves once the bot has handled the update. */
  customerSays(text: string, chatId?: number): Promise<void>;
  /** The customer presses a button of the bot's last Telegram message that has it. */
  customerPresses(label: string, chatId?: number): Promise<void>;
  /** Texts the bot sent to a Telegram chat, in order. */
  telegramTexts(chatId?: number): string[];
  /** The ticket posts in the staff channel (top-level, with buttons). */
  ticketPosts(): SlackPost[];
  /** Posts in a ticket's thread. */
  threadPosts(ticketTs: string): SlackPost[];
  /** A staff member writes in a ticket's thread (a signed Events API request; resolves after the ack). */
  staffSays(ticketTs: string, text: string, user?: string): Promise<number>;
  /** Any Events API event, signed, to the app (a bot's message, say). */
  slackEvent(event: Record<string, unknown>): Promise<number>;
  /** A staff member presses a button on a ticket post. */
  staffPresses(post: SlackPost, label: string, user?: string): Promise<number>;
  /** With Teams as the staff side: the connector stand-in, and staff acting in a ticket thread. */
  readonly teams: ConnectorStandIn | null;
  teamsSays(threadId: string, text: string): Promise<number>;
  teamsPresses(threadId: string, choiceId: string, label: string): Promise<number>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHandoffWorld(
  options: {
    start?: string;
    handoff?: Partial<BotConfig['handoff']>;
    staff?: 'slack' | 'teams';
    /** Other bot.config.json keys (staffAccess, privacy). */
    config?: Partial<BotConfig>;
    /** More environment (AFTERCARE_CASES_API_KEY, say). */
    env?: Readonly<Record<string, string>>;
  } = {},
): Promise<HandoffWorld> {
  const telegram = await startTelegramStandIn();
  const slack = await startSlackStandIn();
  const teams = options.staff === 'teams' ? await startConnectorStandIn() : null;
  const staffConfig = teams
    ? { target: 'teams', teamsChannel: TEAMS_STAFF_CHANNEL }
    : { target: 'slack', slackChannel: STAFF_CHANNEL };
  const dir = makeTempDir('aftercare-handoff-e2e-');
  const config = JSON.parse(
    readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8'),
  ) as BotConfig;
  const configPath = path.join(dir, 'bot.config.json');
  writeFileSync(
    configPath,
    JSON.stringify(
      {
        ...config,
        ...options.config,
        handoff: {
          ...config.handoff,
          ...staffConfig,
          reviewUrl: 'https://example.com/reviews',
          ...options.handoff,
        },
      },
      null,
      2,
    ),
  );
  const dbPath = path.join(dir, 'aftercare.db');
  const clock = manualClock(options.start ?? OPEN_HOURS);
  const logger = createTestLogger();
  const port = await freePort();
  // Webhook mode: Telegram's request is answered once the update is handled, so a test knows when.
  const env = {
    AFTERCARE_HOST: '127.0.0.1',
    AFTERCARE_PORT: String(port),
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: webhookSecret,
    TELEGRAM_RETRY_DELAYS_MS: '5,5',
    TELEGRAM_OUTBOX_DELAYS_MS: '20,20',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_RETRY_DELAYS_MS: '5,5',
    SLACK_OUTBOX_DELAYS_MS: '20,20',
    ...(teams ? { TEAMS_ENABLED: '1', TEAMS_OUTBOX_DELAYS_MS: '20,20' } : {}),
    ...options.env,
  };
  const open = async (): Promise<{ app: App; url: string }> => {
    const app = createApp({ rootDir: repoRoot, configPath, dbPath, env, clock, logger });
    return { app, url: await app.start() };
  };
  let current = await open();

  const deliver = async (update: Record<string, unknown>): Promise<void> => {
    const status = await telegram.deliverToWebhook(update);
    if (status !== 200)
      throw new Error(`the bot answered Telegram's webhook request with ${status}`);
  };

  const world: HandoffWorld = {
    telegram,
    slack,
    clock,
    logger,
    app: current.app,
    url: current.url,
    async customerSays(text, chatId = CHAT_ID) {
      await deliver(telegram.textUpdate({ chatId, text }));
    },
    async customerPresses(label, chatId = CHAT_ID) {
      const message = telegram
        .sentMessages()
        .filter(
          (sent) =>
            sent.chat.id === chatId &&
            sent.reply_markup?.inline_keyboard.flat().some((button) => button.text === label),
        )
        .at(-1);
      if (!message)
        throw new Error(
          `no Telegram message with a "${label}" button; sent: ${world.telegramTexts(chatId).join(' | ')}`,
        );
      await deliver(telegram.pressUpdate(message, label, customer));
    },
    telegramTexts: (chatId = CHAT_ID) =>
      telegram
        .sentMessages()
        .filter((sent) => sent.chat.id === chatId)
        .map((sent) => sent.text),
    ticketPosts: () =>
      slack
        .posts()
        .filter((post) => post.channel === STAFF_CHANNEL && post.thread_ts === undefined),
    threadPosts: (ticketTs) =>
      slack.posts().filter((post) => post.channel === STAFF_CHANNEL && post.thread_ts === ticketTs),
    staffSays: (ticketTs, text, user = 'U0STAFF01') =>
      world.slackEvent({
        type: 'message',
        channel: STAFF_CHANNEL,
        channel_type: 'channel',
        user,
        text,
        ts: nextMessageTs(),
        thread_ts: ticketTs,
      }),
    async slackEvent(event) {
      const result = await postToApp(
        `${world.url}/slack/events`,
        JSON.stringify(eventEnvelope(event)),
        'application/json',
        { signingSecret },
      );
      return result.status;
    },
    async staffPresses(post, label, user = 'U0STAFF01') {
      const body = buttonPress(post, label, slack.responseUrl('press'), user);
      const result = await postToApp(
        `${world.url}/slack/events`,
        body,
        'application/x-www-form-urlencoded',
        { signingSecret },
      );
      return result.status;
    },
    teams,
    async teamsSays(threadId, text) {
      const activity = teamsMessage({ serviceUrl: teams!.serviceUrl, where: 'channel', text });
      const result = await postActivity(`${world.url}/api/messages`, {
        ...activity,
        conversation: { ...(activity.conversation as object), id: threadId },
      });
      return result.status;
    },
    async teamsPresses(threadId, choiceId, label) {
      const activity = teamsMessage({
        serviceUrl: teams!.serviceUrl,
        where: 'channel',
        value: { aftercareChoice: choiceId, aftercareLabel: label },
      });
      const result = await postActivity(`${world.url}/api/messages`, {
        ...activity,
        conversation: { ...(activity.conversation as object), id: threadId },
      });
      return result.status;
    },
    async restart() {
      await current.app.close();
      current = await open();
      world.app = current.app;
      world.url = current.url;
    },
    async close() {
      await current.app.close();
      await telegram.close();
      await slack.close();
      await teams?.close();
    },
  };
  return world;
}
