/**
 * zod schemas of knowledge/warranty/*.yaml. Cross-references inside a file (a part a category
 * names, an example serial that must fit its pattern, a placeholder a text may use) are checked
 * here too, so that parseLocated reports them at their file:line:field.
 */
import { z } from 'zod';
import {
  warrantyMessageKeys,
  warrantyMessagePlaceholders,
  type WarrantyMessageKey,
} from '../core/warranty/message-keys';
import { costKinds } from '../core/warranty/rules';
import { canonicalSerial } from '../core/warranty/serial';
import { idSchema } from './knowledge-schema';

const localeKey = z.string().regex(/^[a-z]{2,3}$/, 'a locale key is a code such as "en" or "fa"');
const text = z.string().trim().min(1, 'must not be empty');
const localizedTextSchema = z.record(localeKey, text);
const months = z.number().int('months are a whole number').min(1, 'at least 1 month');

const costsSchema = z
  .object({ parts: z.boolean(), labour: z.boolean(), onSite: z.boolean() })
  .strict();

/** Compiles an admin's pattern the way the engine uses it: anchored, Unicode. */
export function compileSerialPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

const serialSchema = z
  .object({ pattern: z.string().min(1), example: text })
  .strict()
  .superRefine((serial, ctx) => {
    let pattern: RegExp;
    try {
      pattern = compileSerialPattern(serial.pattern);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `not a valid regular expression (${(error as Error).message}); e.g. "NV12[0-9]{8}"`,
      });
      return;
    }
    if (!pattern.test(canonicalSerial(serial.example))) {
      ctx.addIssue({
        code: 'custom',
        path: ['example'],
        message: `"${serial.example}" does not fit the pattern; patterns are matched against the serial in capitals without spaces or dashes ("${canonicalSerial(serial.example)}")`,
      });
    }
  });

const modelSchema = z.object({ id: idSchema, name: text, serial: serialSchema }).strict();

const categorySchema = z
  .object({
    name: localizedTextSchema,
    aliases: z.array(text).default([]),
    months,
    from: z.enum(['purchase', 'delivery'], {
      errorMap: () => ({ message: 'from is "purchase" or "delivery"' }),
    }),
    covers: costsSchema,
    parts: z
      .record(idSchema, z.object({ months, covers: costsSchema.optional() }).strict())
      .default({}),
    models: z.array(modelSchema).min(1, 'list at least one model'),
  })
  .strict();

export const productsFileSchema = z
  .object({
    orderNumber: serialSchema.optional(),
    parts: z.record(idSchema, z.object({ name: localizedTextSchema }).strict()).default({}),
    categories: z.record(idSchema, categorySchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    const patterns: { id: string; pattern: RegExp }[] = [];
    for (const [categoryId, category] of Object.entries(file.categories)) {
      for (const part of Object.keys(category.parts)) {
        if (!file.parts[part]) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', categoryId, 'parts', part],
            message: `unknown part "${part}"; add it under parts: with a name per locale`,
          });
        }
      }
      category.models.forEach((model, index) => {
        const earlier = seen.get(model.id);
        if (earlier)
          ctx.addIssue({
            code: 'custom',
            path: ['categories', categoryId, 'models', index, 'id'],
            message: `model id "${model.id}" is already used in ${earlier}; model ids must be unique`,
          });
        seen.set(model.id, categoryId);
        try {
          patterns.push({ id: model.id, pattern: compileSerialPattern(model.serial.pattern) });
        } catch {
          // reported by serialSchema
        }
      });
    }
    const orderExample = file.orderNumber ? canonicalSerial(file.orderNumber.example) : null;
    const clash =
      orderExample === null ? undefined : patterns.find((item) => item.pattern.test(orderExample));
    if (clash) {
      ctx.addIssue({
        code: 'custom',
        path: ['orderNumber', 'pattern'],
        message: `order numbers also fit the serial pattern of "${clash.id}"; make the formats distinct`,
      });
    }
    for (const [categoryId, category] of Object.entries(file.categories)) {
      category.models.forEach((model, index) => {
        const other = patterns.find(
          (item) =>
            item.id !== model.id && item.pattern.test(canonicalSerial(model.serial.example)),
        );
        if (other) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', categoryId, 'models', index, 'serial', 'pattern'],
            message: `serials of "${model.id}" also fit the pattern of "${other.id}"; make the formats distinct so a serial names one model`,
          });
        }
      });
    }
  });

export const exclusionsFileSchema = z
  .object({
    exclusions: z.array(
      z
        .object({ id: idSchema, issues: z.array(idSchema).default([]), text: localizedTextSchema })
        .strict(),
    ),
  })
  .strict()
  .superRefine((file, ctx) => expectUniqueIds(file.exclusions, 'exclusions', 'exclusion', ctx));

/** `categoryIds` null: products.yaml itself is broken, so category names are not checked. */
export function plansFileSchema(categoryIds: readonly string[] | null) {
  const categoryId = z.string().refine(
    (id) => categoryIds === null || categoryIds.includes(id),
    (id) => ({
      message: `unknown category "${id}"; use one of ${(categoryIds ?? []).join(', ')} (products.yaml)`,
    }),
  );
  return z
    .object({
      plans: z.array(
        z
          .object({
            id: idSchema,
            name: localizedTextSchema,
            description: localizedTextSchema,
            addsMonths: months,
            buyWithinMonths: z.number().int().min(0),
            alsoCovers: z.array(z.enum(costKinds)).default([]),
            maintenance: z
              .object({
                discountPercent: z.number().min(0).max(100).default(0),
                freeVisitsPerYear: z.number().int().min(0).default(0),
              })
              .strict()
              .default({}),
            categories: z.array(categoryId).min(1).optional(),
          })
          .strict(),
      ),
    })
    .strict()
    .superRefine((file, ctx) => expectUniqueIds(file.plans, 'plans', 'plan', ctx));
}

/** Reports the second and later uses of an id in the list `list` of a file. */
function expectUniqueIds(
  items: readonly { id: string }[],
  list: string,
  kind: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id))
      ctx.addIssue({
        code: 'custom',
        path: [list, index, 'id'],
        message: `${kind} id "${item.id}" is used twice`,
      });
    seen.add(item.id);
  });
}

export const regionsFileSchema = z
  .object({
    defaultRegion: idSchema,
    regions: z.record(
      idSchema,
      z
        .object({
          name: localizedTextSchema,
          statutoryMonths: months.optional(),
          includesParts: z.boolean().default(false),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (!file.regions[file.defaultRegion]) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultRegion'],
        message: `"${file.defaultRegion}" is not listed under regions; add it or pick one of ${Object.keys(file.regions).join(', ')}`,
      });
    }
  });

export const termsFileSchema = z
  .object({
    proofOfPurchase: z.object({ required: z.boolean(), documents: localizedTextSchema }).strict(),
    transfersOnResale: z.boolean(),
  })
  .strict();

const PLACEHOLDER = /\{([^{}]*)\}/gu;

export const warrantyMessagesFileSchema = z
  .record(z.string(), localizedTextSchema)
  .superRefine((file, ctx) => {
    for (const [key, texts] of Object.entries(file)) {
      const allowed = warrantyMessagePlaceholders[key as WarrantyMessageKey] as
        readonly string[] | undefined;
      if (!allowed) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown message "${key}"; the warranty messages are ${warrantyMessageKeys.join(', ')}`,
        });
        continue;
      }
      for (const [locale, value] of Object.entries(texts)) {
        for (const match of value.matchAll(PLACEHOLDER)) {
          const name = match[1] ?? '';
          if (!allowed.includes(name)) {
            const hint =
              allowed.length === 0
                ? 'this text takes no placeholders'
                : `use ${allowed.map((item) => `{${item}}`).join(', ')}`;
            ctx.addIssue({
              code: 'custom',
              path: [key, locale],
              message: `unknown placeholder {${name}}; ${hint}`,
            });
          }
        }
      }
    }
    for (const key of warrantyMessageKeys) {
      if (!file[key])
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `message "${key}" is missing; add it with a text per locale`,
        });
    }
  });
