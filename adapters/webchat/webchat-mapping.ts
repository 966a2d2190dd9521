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
    conversationId: id,
    userId: id.optional(),
    messageId: id,
    text: z.string().max(20000).default(''),
    choiceId: z.string().min(1).max(64).optional(),
    locale: z.string().max(35).optional(),
  })
  .strict();

export type WebchatRequest = z.infer<typeof webchatRequestSchema>;

export function toIncomingMessage(request: WebchatRequest, receivedAt: Date): IncomingMessage {
  return {
    channel: 'webchat',
    conversationId: request.conversationId,
    userId: request.userId ?? request.conversationId,
    messageId: request.messageId,
    text: request.text,
    ...(request.choiceId ? { choiceId: request.choiceId } : {}),
    ...(request.locale ? { localeHint: request.locale } : {}),
    receivedAt,
  };
}
