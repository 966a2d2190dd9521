/**
 * SMS ↔ the core, pure: Twilio's inbound message fields → IncomingMessage, replies → message
 * bodies (plain text, at most 1600 characters each, Twilio's limit for one message, which it
 * sends as concatenated segments), and the opt-out keywords carriers require.
 */
import type { IncomingMessage, Reply } from '../../src/core/message';
import { renderChunks, type MarkupRenderer } from '../shared/render';
import { isSafeUrl } from '../shared/markdown';
import { publicReadMore } from '../shared/read-more';
import type { FormParams } from './signed-webhook';

export const SMS_CHANNEL = 'sms';
export const SMS_BODY_LIMIT = 1600;

const plainSms: MarkupRenderer = {
  text: (text) => text,
  bold: (rendered) => rendered,
  link: (text, url) => (isSafeUrl(url) && text !== url ? `${text} (${url})` : text),
  listItem: (number, rendered) => `${number === null ? '-' : `${number}.`} ${rendered}`,
};

export interface SmsInbound {
  readonly message: IncomingMessage;
  /** The customer's number (the conversation) and the bot's number they wrote to. */
  readonly from: string;
  readonly to: string;
}

export function toSmsMessage(params: FormParams, receivedAt: Date): SmsInbound | null {
  const { MessageSid: sid, From: from, To: to } = params;
  if (!sid || !from || !to) return null;
  return {
    from,
    to,
    message: {
      channel: SMS_CHANNEL,
      conversationId: from,
      userId: from,
      messageId: sid,
      text: (params.Body ?? '').trim(),
      receivedAt,
    },
  };
}

/** Twilio's default opt-out and opt-in keywords (Messaging Service "Advanced Opt-Out"). */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT']);
const START_WORDS = new Set(['START', 'UNSTOP', 'YES', 'OPTIN']);

export function optKeyword(text: string): 'stop' | 'start' | null {
  const word = text.trim().toUpperCase();
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  return null;
}

/**
 * The SMS bodies for replies; a reply with choices lists them numbered ("reply 1 or 2"), and an
 * answer's help page follows it as a bare address (phones make it tappable).
 */
export function smsBodies(replies: readonly Reply[]): string[] {
  return replies.flatMap((reply) => {
    const choices = reply.choices.map((choice, index) => `${index + 1}. ${choice.label}`);
    const readMore = publicReadMore(reply);
    const text = [
      reply.text,
      ...(readMore ? [`${readMore.label}: ${readMore.url}`] : []),
      ...(choices.length > 0 ? [choices.join('\n')] : []),
    ].join('\n\n');
    return renderChunks(text, plainSms, SMS_BODY_LIMIT);
  });
}
