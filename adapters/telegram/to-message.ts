/** Telegram update → the core's IncomingMessage. Pure: recorded updates in, messages out. */
import type { IncomingMessage } from '../../src/core/message';
import { telegramUpdateSchema, type TelegramUpdate } from './update-schema';

export const TELEGRAM_CHANNEL = 'telegram';

/** A message or button press the core should answer, with what the adapter needs to reply. */
export interface TelegramInbound {
  readonly message: IncomingMessage;
  readonly chatId: number;
  /** Set for a button press: the query to answer and the message whose keyboard it came from. */
  readonly callback?: { readonly queryId: string; readonly messageId: number };
}

export function parseUpdate(raw: unknown): TelegramUpdate | null {
  const parsed = telegramUpdateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The stable id of one delivery: a redelivered update carries the same update_id. */
export const updateMessageId = (updateId: number): string => `update:${updateId}`;

/**
 * `/help@aftercare_bot extra` → `/help extra`: the core understands the plain command; the bot
 * name suffix only exists in group chats.
 */
export function normalizeCommand(text: string): string {
  return text.replace(/^(\/[A-Za-z0-9_]+)@[A-Za-z0-9_]+/, '$1');
}

export function toMessage(update: TelegramUpdate, receivedAt: Date): TelegramInbound | null {
  const messageId = updateMessageId(update.update_id);
  if (update.message !== undefined) {
    const { message } = update;
    const text = message.text ?? message.caption;
    if (text === undefined || message.from === undefined || message.from.is_bot === true)
      return null;
    return {
      chatId: message.chat.id,
      message: {
        channel: TELEGRAM_CHANNEL,
        conversationId: String(message.chat.id),
        userId: String(message.from.id),
        messageId,
        text: normalizeCommand(text.trim()),
        ...(message.from.language_code ? { localeHint: message.from.language_code } : {}),
        receivedAt,
      },
    };
  }
  const query = update.callback_query;
  if (query?.message !== undefined && query.data !== undefined) {
    const button = query.message.reply_markup?.inline_keyboard
      .flat()
      .find((candidate) => candidate.callback_data === query.data);
    return {
      chatId: query.message.chat.id,
      callback: { queryId: query.id, messageId: query.message.message_id },
      message: {
        channel: TELEGRAM_CHANNEL,
        conversationId: String(query.message.chat.id),
        userId: String(query.from.id),
        messageId,
        text: button?.text ?? '',
        choiceId: query.data,
        ...(query.from.language_code ? { localeHint: query.from.language_code } : {}),
        receivedAt,
      },
    };
  }
  return null;
}
