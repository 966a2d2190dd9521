/**
 * The format of `conversations/*.yaml`: conversations an admin writes to say "this question must
 * still get that answer". docs/knowledge-format.md describes it for admins.
 */
import { z } from 'zod';

const texts = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));

export const expectationSchema = z
  .object({
    kind: z.enum(['answer', 'clarify', 'handoff']).optional(),
    faq: z.string().optional(),
    intent: z.string().optional(),
    locale: z.string().optional(),
    handoffReason: z.string().optional(),
    /** Text that must appear in the reply (case-insensitive). */
    must: texts.optional(),
    mustNot: texts.optional(),
    /** Buttons that must be offered: a label or a choice id (`faq:<id>`, `intent:<id>`, `human`). */
    buttons: z.array(z.string()).optional(),
    /** True: the bot must not reply (a message added to a waiting ticket). */
    silent: z.boolean().optional(),
  })
  .strict();

export const turnSchema = z
  .object({
    /**
     * What the customer types. `{case}` (here and in `must`/`mustNot`) is the case number the bot
     * last gave in this file, e.g. to ask "where is my repair {case}?" in another conversation.
     */
    user: z.string().optional(),
    /** Presses a button of the previous reply, by its label, its choice id, or `#N` (the N-th button). */
    press: z.string().optional(),
    /** Staff act on the conversation's ticket: `claim` (as "Sam") or `resolve`. */
    staff: z.enum(['claim', 'resolve']).optional(),
    /** A locale the platform knows for the customer (Telegram's language_code). */
    locale: z.string().optional(),
    /** Minutes that pass before this turn (the desk's timer runs, so claim timeouts are sent). */
    after: z.number().int().min(0).optional(),
    expect: expectationSchema.default({}),
  })
  .strict()
  .refine(
    (turn) =>
      [turn.user, turn.press, turn.staff].filter((value) => value !== undefined).length === 1,
    {
      message:
        'a turn has one of "user" (a message), "press" (a button) or "staff" (claim, resolve)',
    },
  );

export const conversationSchema = z
  .object({
    name: z.string().min(1),
    /** The channel the messages come through; `test` unless set. */
    channel: z.string().default('test'),
    /** The platform user id of the customer (a channel id on a units record makes them known); one per conversation unless set. */
    userId: z.string().min(1).optional(),
    turns: z.array(turnSchema).min(1),
  })
  .strict();

export const conversationFileSchema = z
  .object({
    /** The time every turn of the file happens at (ISO 8601); the real clock when absent. */
    clock: z.string().datetime({ offset: true }).optional(),
    /** A units file (CSV or JSON, as `aftercare import units` reads) to import first, relative to this file. */
    units: z.string().optional(),
    /**
     * `recorded`: hand-offs go to a staff channel that records tickets, as with handoff.target
     * slack or teams; `config` (default): as bot.config.json says.
     */
    staff: z.enum(['config', 'recorded']).default('config'),
    conversations: z.array(conversationSchema).min(1),
  })
  .strict();

export type Expectation = z.infer<typeof expectationSchema>;
export type ConversationTurn = z.infer<typeof turnSchema>;
export type ConversationFile = z.infer<typeof conversationFileSchema>;
