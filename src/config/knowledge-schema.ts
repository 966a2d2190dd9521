/** zod schemas of the files admins edit; the TypeScript types in src/core/knowledge derive from data validated here. */
import { z } from 'zod';
import { intentActions } from '../core/knowledge/knowledge';

export const idSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'an id is lowercase letters and digits joined by "-", e.g. "warranty-period"',
  );
const localeKey = z.string().regex(/^[a-z]{2,3}$/, 'a locale key is a code such as "en" or "fa"');
const text = z.string().trim().min(1, 'must not be empty');
const localizedText = z.record(localeKey, text);
const localizedList = z.record(localeKey, z.array(text).min(1, 'give at least one sentence'));

export const faqFrontMatterSchema = z
  .object({
    id: idSchema,
    tags: z.array(idSchema).default([]),
    questions: localizedList,
    followUps: z
      .array(idSchema)
      .max(4, 'at most 4 follow-ups: more buttons than that are not read')
      .default([]),
  })
  .strict();

export const intentSchema = z
  .object({
    id: idSchema,
    action: z.enum(intentActions),
    tags: z.array(idSchema).default([]),
    utterances: localizedList,
    responses: localizedText.default({}),
  })
  .strict();

export const branchSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['head-office', 'repair-centre', 'branch']),
    name: localizedText,
    aliases: z.array(text).default([]),
    phone: z
      .string()
      .regex(
        /^\+?[0-9][0-9 ()-]{3,}$/,
        'a phone number is digits with optional +, spaces, dashes, parentheses',
      ),
    address: localizedText.default({}),
    hours: localizedText.default({}),
    services: z.array(idSchema).default([]),
  })
  .strict();

export const branchesFileSchema = z.object({ branches: z.array(branchSchema).min(1) }).strict();

export const messagesFileSchema = z.record(idSchema, localizedText);
