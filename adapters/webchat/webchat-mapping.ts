/** Pure mapping between the web chat's JSON and the core's message. */
import { z } from 'zod';
import type { IncomingMessage } from '../../src/core/message';

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w:.-]+$/, 'letters, digits and _ : . - only');

export const webchatRequestSchema = z
  .object({
    /** Optional: the token names the conversation; a different id here is refused (403). */
    conversationId: id.optional(),
    userId: id.optional(),
    messageId: id,
    text: z.string().max(20000).default(''),
    choiceId: z.string().min(1).max(64).optional(),
    locale: z.string().max(35).optional(),
    /** The language the customer picked in the chat: it wins over detection (the core's chosenLocale). */
    chosenLocale: z.string().max(35).optional(),
  })
  .strict();

export type WebchatRequest = z.infer<typeof webchatRequestSchema>;

export function toIncomingMessage(
  request: WebchatRequest & { conversationId: string },
  receivedAt: Date,
): IncomingMessage {
  return {
    channel: 'webchat',
    conversationId: request.conversationId,
    userId: request.userId ?? request.conversationId,
    messageId: request.messageId,
    text: request.text,
    ...(request.choiceId ? { choiceId: request.choiceId } : {}),
    ...(request.locale ? { localeHint: request.locale } : {}),
    ...(request.chosenLocale ? { chosenLocale: request.chosenLocale } : {}),
    receivedAt,
  };
}
