/**
 * The Telegram channel on grammY: long polling by default, or a webhook on the bot's own HTTP
 * server when a public URL is configured (Telegram's secret_token header checked in constant
 * time). Replies go out through grammY with retries and, past those, through the outbox.
 */
import { Bot, GrammyError } from 'grammy';
import type { AdapterContext, ChannelAdapter } from '../../src/core/channel';
import { systemClock, type Clock } from '../../src/core/ports';
import { errorMessage } from '../../src/core/error-message';
import { defaultRetryPolicy, type RetryPolicy } from '../shared/retry';
import { isTemporaryTelegramError, telegramRetryTransformers } from './retry-transformer';
import { createTelegramOutbox, createTelegramTurn, type TelegramClient } from './telegram-turn';
import { TELEGRAM_CHANNEL } from './to-message';
import { sendMessageOptions } from './to-platform-reply';
import {
  createWebhookHandler,
  validateWebhookOptions,
  type TelegramWebhookOptions,
} from './webhook';

export interface TelegramAdapterOptions {
  /** From BotFather. */
  readonly token: string;
  /** The Bot API server; Telegram's own when unset (tests point it at a stand-in). */
  readonly apiRoot?: string;
  /** Set to receive updates by webhook instead of long polling. */
  readonly webhook?: TelegramWebhookOptions;
  /** Long-polling wait per getUpdates call, in seconds. */
  readonly pollingTimeoutSeconds?: number;
  readonly retry?: RetryPolicy;
  /** Waits between the outbox's later attempts at a reply the platform kept refusing. */
  readonly laterDelaysMs?: readonly number[];
  /** Message times and the outbox's due times; it must move with real time (the outbox's timers are real). */
  readonly clock?: Clock;
}

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export function grammyClient(bot: Bot): TelegramClient {
  return {
    sendMessage: (chatId, payload) =>
      bot.api.sendMessage(chatId, payload.text, sendMessageOptions(payload)),
    answerCallbackQuery: (queryId) => bot.api.answerCallbackQuery(queryId),
    removeKeyboard: (chatId, messageId) => bot.api.editMessageReplyMarkup(chatId, messageId),
  };
}

export function createTelegramAdapter(
  options: TelegramAdapterOptions,
  context: AdapterContext,
): ChannelAdapter {
  const logger = context.logger.child({ channel: TELEGRAM_CHANNEL });
  const bot = new Bot(options.token, {
    client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
  });
  bot.api.config.use(...telegramRetryTransformers(options.retry ?? defaultRetryPolicy));
  const client = grammyClient(bot);
  const clock = options.clock ?? systemClock;
  const outbox = createTelegramOutbox(client, {
    store: context.outbox,
    clock,
    isTemporary: isTemporaryTelegramError,
    laterDelaysMs: options.laterDelaysMs,
    logger,
  });
  const turn = createTelegramTurn(client, { ...context, logger }, outbox, clock);
  bot.use(async (ctx) => {
    await turn.handleUpdate(ctx.update);
  });
  // One error boundary: a failing update is logged, never stops polling or crashes the process.
  bot.catch((error) => {
    logger.error(
      { updateId: error.ctx.update.update_id, error: errorMessage(error.error) },
      'telegram update failed',
    );
  });

  const webhook = options.webhook;
  if (webhook !== undefined) {
    validateWebhookOptions(webhook);
    const handleUpdate = async (update: unknown): Promise<void> => {
      if (!bot.isInited()) await bot.init();
      await bot.handleUpdate(update as Parameters<Bot['handleUpdate']>[0]);
    };
    context.routes.add(
      'POST',
      webhook.path ?? new URL(webhook.url).pathname,
      createWebhookHandler(handleUpdate, webhook.secretToken, logger, context.maxBodyBytes),
    );
  }
  let polling: Promise<void> | null = null;

  return {
    channel: TELEGRAM_CHANNEL,
    async start() {
      // getMe once, with our retries: bot.init() would retry an unreachable API for ever.
      bot.botInfo = await bot.api.getMe().catch((error: unknown) => {
        if (
          error instanceof GrammyError &&
          (error.error_code === 401 || error.error_code === 404)
        ) {
          throw new Error(
            `Telegram refused the bot token (getMe: ${error.description}). Check TELEGRAM_BOT_TOKEN: it is the token @BotFather gave you, like 123456789:AAE…`,
          );
        }
        throw new Error(
          `Could not reach the Telegram Bot API at ${options.apiRoot ?? 'https://api.telegram.org'} (getMe: ${errorMessage(error)}); check the network, a proxy, or TELEGRAM_API_ROOT.`,
        );
      });
      if (webhook !== undefined) {
        await bot.api.setWebhook(webhook.url, {
          secret_token: webhook.secretToken,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        logger.info({ mode: 'webhook', bot: bot.botInfo.username }, 'telegram started');
        await outbox.resume();
        return;
      }
      await new Promise<void>((resolve, reject) => {
        polling = bot
          .start({
            allowed_updates: [...ALLOWED_UPDATES],
            timeout: options.pollingTimeoutSeconds ?? 30,
            onStart: () => resolve(),
          })
          .catch((error: unknown) => {
            logger.error({ error: errorMessage(error) }, 'telegram polling stopped');
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
      logger.info({ mode: 'polling', bot: bot.botInfo.username }, 'telegram started');
      await outbox.resume();
    },
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await polling;
      await outbox.close();
    },
    deliver: (conversationId, replies) => turn.deliver(conversationId, replies),
    flush: () => outbox.flush(),
  };
}
