/**
 * bot.config.json: everything an operator tunes without touching code. Strict, so a misspelled
 * key is an error naming it rather than a silently ignored setting. Secrets never live here.
 */
import { z } from 'zod';
import { phoneSchema } from './phone-schema';
import { readableUnderWhite, underWhiteMessage } from './contrast';
import { privacySchema, staffAccessSchema } from './privacy-schema';
import { webchatSchema } from './webchat-schema';

const locale = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a locale is a two- or three-letter code such as "en" or "fa"');
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM, 24-hour, e.g. "08:00"');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const thresholdsSchema = z
  .object({
    /** At or above: answer. */
    answer: z.number().min(0).max(1),
    /** At or above (and below `answer`): "did you mean" with up to 3 choices. Below: out of scope. */
    clarify: z.number().min(0).max(1),
    /** Choices scoring below top × this ratio are dropped from "did you mean". */
    choiceRatio: z.number().min(0).max(1).default(0.5),
  })
  .strict()
  .refine((t) => t.clarify <= t.answer, {
    message: 'clarify must not be above answer',
    path: ['clarify'],
  });

export const businessHoursSchema = z
  .object({
    /** IANA time zone the hours are in, e.g. "Asia/Tehran". */
    timeZone: z.string().min(1),
    /** Opening windows per weekday; a missing day is closed. */
    open: z.record(weekday, z.array(z.object({ from: time, to: time }).strict())),
    /** Closed dates, YYYY-MM-DD, in the time zone above. */
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  })
  .strict();

export const handoffSchema = z
  .object({
    /** Where tickets go: a Slack channel, a Teams channel, or nowhere (tickets stay in the queue). */
    target: z.enum(['none', 'slack', 'teams']),
    /** Slack channel id (C…) for tickets when target is slack. */
    slackChannel: z.string().optional(),
    /** Teams conversation id of the staff channel when target is teams. */
    teamsChannel: z.string().optional(),
    /** Fallbacks in a row before the bot hands off by itself. */
    maxFallbacks: z.number().int().min(1).default(2),
    /** FAQ/intent tags that always go to a person (e.g. safety). */
    alwaysHumanTags: z.array(z.string()).default([]),
    /** Where satisfied customers are invited to leave a review. */
    reviewUrl: z.string().url().optional(),
    /** Days after a repair ticket closes before the "is everything working?" follow-up. */
    followUpDays: z.number().int().min(0).default(3),
    /** Messages one open ticket takes from its customer per minute; the rest are not relayed. */
    maxCustomerMessagesPerMinute: z.number().int().min(1).default(20),
    /**
     * While a ticket waits for a person, the customer hears "your message is in ticket #N" at
     * most once in this many minutes; messages in between join the ticket silently.
     */
    acknowledgeEveryMinutes: z.number().int().min(1).default(5),
    /**
     * Minutes a ticket may wait unclaimed inside business hours before the customer is told and
     * given the phone number.
     */
    claimTimeoutMinutes: z.number().int().min(1).default(15),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    locales: z.array(locale).min(1),
    defaultLocale: locale,
    /** Folders, relative to the project root. */
    knowledgeDir: z.string().default('knowledge'),
    intentsDir: z.string().default('intents'),
    thresholds: thresholdsSchema,
    storage: z.object({ path: z.string().min(1) }).strict(),
    server: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(0).max(65535),
        /** Largest request body accepted, in bytes. */
        maxBodyBytes: z.number().int().min(1024).default(65536),
        /**
         * A configured channel that cannot start (token refused, platform unreachable): `exit`
         * stops the process non-zero with the reason, for a supervisor to restart or alert;
         * `degraded` keeps the other channels up and /healthz answers 503 naming the one down.
         */
        onChannelFailure: z.enum(['exit', 'degraded']).default('exit'),
      })
      .strict(),
    /** Longest customer message the core reads; the rest is cut (and the customer told). */
    maxMessageChars: z.number().int().min(16).default(2000),
    businessHours: businessHoursSchema,
    handoff: handoffSchema,
    /** Voice calls and SMS (adapters/twilio); defaults fit most deployments. */
    phone: phoneSchema.default({}),
    /** The web chat: allowed embedding origins, sessions, rate limits, branding. */
    webchat: webchatSchema.default({}),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /** Transcript retention (src/config/privacy-schema.ts, docs/privacy.md). */
    privacy: privacySchema.default({}),
    /** Who may use staff commands and buttons; absent: anyone who can reach them (a warning at start). */
    staffAccess: staffAccessSchema.optional(),
    /** The help centre at /help (src/help): branding and the public address of its pages. */
    help: z
      .object({
        name: z.string().min(1).default('Aftercare'),
        /** Header background and link colour; text on it must keep WCAG AA contrast (dark colours). */
        primaryColor: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/)
          .superRefine((hex, context) => {
            if (!readableUnderWhite(hex))
              context.addIssue({ code: 'custom', message: underWhiteMessage(hex) });
          })
          .default('#0b5394'),
        logoUrl: z.string().url().nullable().default(null),
        /** Canonical and sitemap URLs start here; null: the address the page was asked on. */
        baseUrl: z.string().url().nullable().default(null),
        /** FAQ answers carry a "Read more" link to their help page (every channel needs baseUrl). */
        readMoreLinks: z.boolean().default(true),
      })
      .strict()
      .default({}),
  })
  .strict()
  .refine((c) => c.locales.includes(c.defaultLocale), {
    message: 'defaultLocale must be one of locales',
    path: ['defaultLocale'],
  });

export type BotConfig = z.infer<typeof configSchema>;
