/**
 * One Telegram update through the core, shared by the grammY adapter and the Telegraf
 * middleware: map, answer the callback query, ask the core, send the replies through the outbox.
 */
import type { AdapterContext } from '../../src/core/channel';
import type { Reply } from '../../src/core/message';
import type { Clock, Logger } from '../../src/core/ports';
import { errorMessage } from '../../src/core/error-message';
import { createOutbox, type Outbox } from '../shared/outbox';
import { parseUpdate, TELEGRAM_CHANNEL, toMessage } from './to-message';
import { toPlatformReply, type TelegramSendPayload } from './to-platform-reply';

/** What Aftercare needs of a Telegram client; grammY's Api and Telegraf's Telegram both fit. */
export interface TelegramClient {
  sendMessage(
    chatId: number,
    payload: TelegramSendPayload,
  ): Promise<{ readonly message_id: number }>;
  answerCallbackQuery(queryId: string): Promise<unknown>;
  removeKeyboard(chatId: number, messageId: number): Promise<unknown>;
}

export interface TelegramSendJob {
  readonly chatId: number;
  readonly payload: TelegramSendPayload;
}

export interface TelegramTurn {
  /** Handles one update; false when it is nothing the core answers (for Telegraf's next()). */
  handleUpdate(rawUpdate: unknown): Promise<boolean>;
  /** Sends replies right away (after the client's retries); rejects when they cannot be sent. */
  deliver(conversationId: string, replies: readonly Reply[]): Promise<void>;
}

export function sendJobs(chatId: number, replies: readonly Reply[]): TelegramSendJob[] {
  return replies.flatMap((reply) => toPlatformReply(reply).map((payload) => ({ chatId, payload })));
}

export function createTelegramTurn(
  client: TelegramClient,
  context: AdapterContext,
  outbox: Outbox<TelegramSendJob>,
  clock: Clock,
): TelegramTurn {
  const logger = context.logger;
  return {
    async handleUpdate(rawUpdate) {
      const update = parseUpdate(rawUpdate);
      if (update === null) {
        logger.warn({}, 'telegram update not understood; ignored');
        return false;
      }
      const inbound = toMessage(update, clock.now());
      const queryId = update.callback_query?.id;
      if (queryId !== undefined) {
        // Always answered, or the user's button keeps spinning.
        await client.answerCallbackQuery(queryId).catch((error: unknown) => {
          logger.warn(
            { updateId: update.update_id, error: errorMessage(error) },
            'answerCallbackQuery failed',
          );
        });
      }
      if (inbound === null) return queryId !== undefined;
      await context.references.saveReference(TELEGRAM_CHANNEL, inbound.message.conversationId, {
        chatId: inbound.chatId,
      });
      const { conversationId } = inbound.message;
      // The replies' jobs commit with the turn; they are sent from the outbox after it. Replies
      // given outside a turn (a staff action refused) were not committed: sent as before.
      let committed = false;
      const replies = await context.handle(inbound.message, {
        commit: async (turnReplies) => {
          committed = true;
          await outbox.commit(conversationId, sendJobs(inbound.chatId, turnReplies));
        },
      });
      if (inbound.callback !== undefined && replies.length > 0) {
        // The buttons were answered; take them away so an old question is not answered twice.
        await client
          .removeKeyboard(inbound.chatId, inbound.callback.messageId)
          .catch((error: unknown) => {
            logger.debug(
              { updateId: update.update_id, error: errorMessage(error) },
              'could not remove the keyboard',
            );
          });
      }
      logger.debug(
        { updateId: update.update_id, replies: replies.length },
        'telegram update handled',
      );
      if (!committed && replies.length > 0)
        await outbox.send(conversationId, sendJobs(inbound.chatId, replies));
      // Also what a redelivered, already committed update left unsent.
      await outbox.flush();
      return true;
    },
    async deliver(conversationId, replies) {
      const chatId = Number(conversationId);
      if (!Number.isSafeInteger(chatId))
        throw new Error(`"${conversationId}" is not a Telegram chat id`);
      for (const job of sendJobs(chatId, replies))
        await client.sendMessage(job.chatId, job.payload);
    },
  };
}

/** The outbox both Telegram front ends (grammY, a host's Telegraf bot) keep refused replies in. */
export function createTelegramOutbox(
  client: TelegramClient,
  options: {
    readonly store: AdapterContext['outbox'];
    readonly clock: Clock;
    readonly isTemporary: (error: unknown) => boolean;
    readonly laterDelaysMs: readonly number[] | undefined;
    readonly logger: Logger;
  },
): Outbox<TelegramSendJob> {
  return createOutbox<TelegramSendJob>({
    queue: TELEGRAM_CHANNEL,
    now: () => options.clock.now(),
    store: options.store,
    send: async (job) => {
      await client.sendMessage(job.chatId, job.payload);
    },
    isTemporary: options.isTemporary,
    laterDelaysMs: options.laterDelaysMs,
    logger: options.logger,
  });
}
