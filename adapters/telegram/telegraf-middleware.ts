/**
 * Aftercare inside an existing Telegraf bot. Mount it after the company's own handlers:
 *
 *   const aftercare = createTelegrafAftercare({ telegram: bot.telegram }, context);
 *   bot.command('order', ...);          // the company's own commands keep working
 *   bot.use(aftercare.middleware);      // everything else goes to Aftercare
 *
 * Updates Aftercare does not answer (stickers, edits, ...) go on to `next()`. Sends use the
 * bot's own Telegram client with retries and the outbox, like the grammY adapter.
 */
import {
  TelegramError,
  type Context,
  type MiddlewareFn,
  type Telegraf,
  type Telegram,
} from 'telegraf';
import type { AdapterContext, ChannelAdapter, HttpHandler } from '../../src/core/channel';
import { systemClock, type Clock, type Logger } from '../../src/core/ports';
import { errorMessage } from '../../src/core/error-message';
import { defaultRetryPolicy, withRetry, type Failure, type RetryPolicy } from '../shared/retry';
import { createTelegramOutbox, createTelegramTurn, type TelegramClient } from './telegram-turn';
import { TELEGRAM_CHANNEL } from './to-message';
import { sendMessageOptions } from './to-platform-reply';
import { createWebhookHandler } from './webhook';

export interface TelegrafAftercareOptions {
  /** The host bot's client (`bot.telegram`), used for proactive deliveries. */
  readonly telegram: Telegram;
  readonly retry?: RetryPolicy;
  readonly laterDelaysMs?: readonly number[];
  /** Message times and the outbox's due times; it must move with real time (the outbox's timers are real). */
  readonly clock?: Clock;
}

export interface TelegrafAftercare {
  readonly middleware: MiddlewareFn<Context>;
  /** The channel as the composition root sees it; the host bot starts and stops polling itself. */
  readonly adapter: ChannelAdapter;
}

/** Telegraf throws TelegramError for API refusals; anything else is the network. */
export function classifyTelegrafError(error: unknown): Failure {
  if (error instanceof TelegramError) {
    if (error.code === 429) {
      const retryAfter = error.parameters?.retry_after;
      return {
        retryable: true,
        ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter * 1000 }),
      };
    }
    return { retryable: error.code >= 500 };
  }
  return { retryable: true };
}

export function telegrafClient(telegram: Telegram, policy: RetryPolicy): TelegramClient {
  const retried = <T>(call: () => Promise<T>): Promise<T> =>
    withRetry(call, classifyTelegrafError, policy);
  return {
    sendMessage: (chatId, payload) =>
      retried(() => telegram.sendMessage(chatId, payload.text, sendMessageOptions(payload))),
    answerCallbackQuery: (queryId) => retried(() => telegram.answerCbQuery(queryId)),
    removeKeyboard: (chatId, messageId) =>
      retried(() => telegram.editMessageReplyMarkup(chatId, messageId, undefined, undefined)),
  };
}

export function createTelegrafAftercare(
  options: TelegrafAftercareOptions,
  context: AdapterContext,
): TelegrafAftercare {
  const logger = context.logger.child({ channel: TELEGRAM_CHANNEL, via: 'telegraf' });
  const client = telegrafClient(options.telegram, options.retry ?? defaultRetryPolicy);
  const clock = options.clock ?? systemClock;
  const outbox = createTelegramOutbox(client, {
    store: context.outbox,
    clock,
    isTemporary: (error) => classifyTelegrafError(error).retryable,
    laterDelaysMs: options.laterDelaysMs,
    logger,
  });
  const turn = createTelegramTurn(client, { ...context, logger }, outbox, clock);

  return {
    async middleware(ctx, next) {
      let handled = false;
      try {
        handled = await turn.handleUpdate(ctx.update);
      } catch (error) {
        // Telegraf stops polling on an unhandled error; a failed turn must not take the host bot down.
        logger.error(
          { updateId: ctx.update.update_id, error: errorMessage(error) },
          'telegram update failed',
        );
        handled = true;
      }
      if (!handled) await next();
    },
    adapter: {
      channel: TELEGRAM_CHANNEL,
      async start() {
        await outbox.resume();
      },
      stop: () => outbox.close(),
      deliver: (conversationId, replies) => turn.deliver(conversationId, replies),
    },
  };
}

/**
 * A webhook endpoint for the host Telegraf bot on Aftercare's HTTP server, with Telegram's secret
 * token compared in constant time (Telegraf's own webhook compares it as a plain string):
 *
 *   context.routes.add('POST', '/telegram/webhook', createTelegrafWebhook(bot, secret, logger, context.maxBodyBytes));
 *   await bot.telegram.setWebhook('https://bot.example.com/telegram/webhook', { secret_token: secret });
 */
export function createTelegrafWebhook(
  bot: Telegraf,
  secretToken: string,
  logger: Logger,
  maxBodyBytes: number,
): HttpHandler {
  return createWebhookHandler(
    (update) => bot.handleUpdate(update as Parameters<Telegraf['handleUpdate']>[0]),
    secretToken,
    logger,
    maxBodyBytes,
  );
}
