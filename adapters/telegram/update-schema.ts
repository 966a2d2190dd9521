/**
 * The few fields of a Telegram Update that Aftercare reads, described here instead of importing
 * an SDK's types, and checked with zod at the boundary. Unknown fields pass through untouched.
 */
import { z } from 'zod';

const user = z.object({
  id: z.number(),
  is_bot: z.boolean().optional(),
  language_code: z.string().optional(),
});

const chat = z.object({ id: z.number(), type: z.string() });

const inlineKeyboard = z.object({
  inline_keyboard: z.array(
    z.array(z.object({ text: z.string(), callback_data: z.string().optional() })),
  ),
});

const message = z.object({
  message_id: z.number(),
  from: user.optional(),
  chat,
  date: z.number(),
  text: z.string().optional(),
  caption: z.string().optional(),
  reply_markup: inlineKeyboard.optional(),
});

export const telegramUpdateSchema = z.object({
  update_id: z.number(),
  message: message.optional(),
  callback_query: z
    .object({
      id: z.string(),
      from: user,
      message: message.optional(),
      data: z.string().optional(),
    })
    .optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
