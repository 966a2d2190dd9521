/** zod schemas of knowledge/troubleshooting/*.yaml and knowledge/service/*.yaml (src/core/cases). */
import { z } from 'zod';
import { idSchema } from './knowledge-schema';

const localeKey = z.string().regex(/^[a-z]{2,3}$/, 'a locale key is a code such as "en" or "fa"');
const text = z.string().trim().min(1, 'must not be empty');
const localizedText = z.record(localeKey, text);
const localizedList = z.record(localeKey, z.array(text).min(1, 'give at least one phrase'));
const weekday = z.enum(['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'], {
  errorMap: () => ({ message: 'a weekday is one of sat, sun, mon, tue, wed, thu, fri' }),
});
const clockTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time is HH:MM on a 24-hour clock, e.g. "08:00"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

export const troubleshootingFileSchema = z
  .object({
    category: idSchema,
    symptoms: z
      .array(
        z
          .object({
            id: idSchema,
            phrases: localizedList,
            steps: localizedText.default({}),
            technician: z.boolean().default(true),
            safety: z.boolean().default(false),
            exclusion: idSchema.optional(),
          })
          .strict(),
      )
      .min(1, 'give at least one symptom'),
  })
  .strict();

const window = z
  .object({ from: clockTime, to: clockTime })
  .strict()
  .refine((value) => value.from < value.to, { message: '"from" must be before "to"' });

const scheduleSchema = z
  .object({
    days: z.array(weekday).min(1, 'give at least one weekday'),
    hours: z.array(window).min(1, 'give at least one window, e.g. { from: "08:00", to: "17:00" }'),
    slotMinutes: z.number().int().min(5).max(720),
    capacity: z.number().int().min(1),
    holidays: z.array(isoDate).default([]),
  })
  .strict();

export const bookingFileSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as "IRR"'),
    fees: z.record(
      idSchema,
      z.object({ diagnosis: z.number().min(0), visit: z.number().min(0).default(0) }).strict(),
    ),
    onSite: z.array(idSchema).default([]),
    daysAhead: z.number().int().min(1).max(90).default(14),
    offer: z.number().int().min(1).max(6).default(3),
    cities: z
      .array(
        z
          .object({
            id: idSchema,
            names: localizedText,
            aliases: z.array(text).default([]),
            branches: z.array(idSchema).min(1, 'name at least one branch, the nearest first'),
          })
          .strict(),
      )
      .min(1),
    branches: z.record(
      idSchema,
      z
        .object({ carryIn: scheduleSchema.optional(), onSite: scheduleSchema.optional() })
        .strict()
        .refine((value) => value.carryIn !== undefined || value.onSite !== undefined, {
          message: 'give a carryIn or an onSite schedule (or both)',
        }),
    ),
  })
  .strict();

const kind = z.enum(['return', 'exchange']);

export const returnsFileSchema = z
  .object({
    requests: z.object({ return: localizedList, exchange: localizedList }).strict(),
    conditions: z
      .array(z.object({ id: idSchema, label: localizedText }).strict())
      .min(1, 'give at least one condition'),
    rules: z.array(
      z
        .object({
          id: idSchema,
          kinds: z.array(kind).min(1),
          conditions: z.array(idSchema).min(1),
          days: z.number().int().min(0),
          from: z.enum(['purchase', 'delivery']),
        })
        .strict(),
    ),
    refusals: z.record(idSchema, localizedText).default({}),
    nextSteps: z.object({ return: localizedText, exchange: localizedText }).strict(),
  })
  .strict();

export const serviceMessagesFileSchema = z.record(idSchema, localizedText);
