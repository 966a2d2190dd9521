/** The core's Reply → Telegram sendMessage payloads (HTML parse mode, inline keyboard). */
import type { Reply } from '../../src/core/message';
import { telegramHtml } from '../shared/platform-renderers';
import { publicReadMore } from '../shared/read-more';
import { renderChunks } from '../shared/render';

/** Telegram's limit for one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Telegram's limit for callback_data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** A button that sends its choice back, or one that opens a page (the "Read more" link). */
export type InlineButton =
  | { readonly text: string; readonly callback_data: string }
  | { readonly text: string; readonly url: string };

/** sendMessage parameters without chat_id. */
export interface TelegramSendPayload {
  readonly text: string;
  readonly parse_mode: 'HTML';
  readonly reply_markup?: { readonly inline_keyboard: InlineButton[][] };
}

/** sendMessage's options for a payload, in the shape grammY's and Telegraf's clients both take. */
export function sendMessageOptions(payload: TelegramSendPayload) {
  return {
    parse_mode: payload.parse_mode,
    ...(payload.reply_markup
      ? { reply_markup: { inline_keyboard: payload.reply_markup.inline_keyboard } }
      : {}),
  };
}

export function toPlatformReply(reply: Reply, limit = TELEGRAM_TEXT_LIMIT): TelegramSendPayload[] {
  const chunks = renderChunks(reply.text, telegramHtml, limit);
  if (chunks.length === 0 && reply.choices.length > 0) chunks.push('…');
  const keyboard: InlineButton[][] = reply.choices.map((choice) => {
    if (Buffer.byteLength(choice.id, 'utf8') >= CALLBACK_DATA_LIMIT) {
      throw new Error(
        `choice id "${choice.id}" is ${Buffer.byteLength(choice.id, 'utf8')} bytes; Telegram's callback_data takes under ${CALLBACK_DATA_LIMIT}. Keep choice ids short (the core keeps them at most 48 bytes).`,
      );
    }
    // One button per row: labels are whole questions ("Did you mean …?").
    return [{ text: choice.label, callback_data: choice.id }];
  });
  const readMore = publicReadMore(reply);
  if (readMore) keyboard.unshift([{ text: readMore.label, url: readMore.url }]);
  return chunks.map((text, index) => ({
    text,
    parse_mode: 'HTML' as const,
    ...(index === chunks.length - 1 && keyboard.length > 0
      ? { reply_markup: { inline_keyboard: keyboard } }
      : {}),
  }));
}
