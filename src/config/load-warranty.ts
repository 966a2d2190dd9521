/**
 * Loads knowledge/warranty/*.yaml into the rules the engine reads. Every problem in every file is
 * collected (file:line:field, with how to fix it) before failing, as for the other knowledge files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { LocalizedText } from '../core/knowledge/knowledge';
import { warrantyMessageKeys, type WarrantyMessageKey } from '../core/warranty/message-keys';
import type {
  CategoryRule,
  ModelRule,
  PlanRule,
  RegionRule,
  WarrantyRules,
} from '../core/warranty/rules';
import { KnowledgeError, type Problem } from './located-error';
import { parseLocated } from './parse-located';
import {
  compileSerialPattern,
  exclusionsFileSchema,
  plansFileSchema,
  productsFileSchema,
  regionsFileSchema,
  termsFileSchema,
  warrantyMessagesFileSchema,
} from './warranty-schema';

export interface WarrantyDirs {
  /** Project root; file names in messages are relative to it. */
  readonly rootDir: string;
  readonly knowledgeDir: string;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
}

export interface LoadedWarranty {
  readonly rules: WarrantyRules;
  /** Not fatal: a configured locale without a text (the default locale's is used). */
  readonly warnings: readonly Problem[];
}

export const warrantyFiles = [
  'products',
  'exclusions',
  'plans',
  'regions',
  'terms',
  'messages',
] as const;

export function loadWarrantyRules(dirs: WarrantyDirs): LoadedWarranty {
  const dir = path.resolve(dirs.rootDir, dirs.knowledgeDir, 'warranty');
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const shown = (name: string): string =>
    path.relative(dirs.rootDir, path.join(dir, `${name}.yaml`)) || name;
  const read = <S extends z.ZodTypeAny>(
    name: (typeof warrantyFiles)[number],
    schema: S,
  ): z.infer<S> | null => {
    const file = path.join(dir, `${name}.yaml`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({
        file: shown(name),
        line: null,
        field: '',
        message: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); every warranty file is required, see the sample in knowledge/warranty/`,
      });
      return null;
    }
    try {
      return parseLocated({ file: shown(name), text }, schema) as z.infer<S>;
    } catch (error) {
      if (error instanceof KnowledgeError) problems.push(...error.problems);
      else throw error;
      return null;
    }
  };
  const checkLocales = (name: string, field: string, texts: LocalizedText): void => {
    for (const locale of dirs.locales) {
      if (texts[locale] === undefined)
        warnings.push({
          file: shown(name),
          line: null,
          field: `${field}.${locale}`,
          message: `no "${locale}" text; the ${dirs.defaultLocale} text is used`,
        });
    }
  };

  const products = read('products', productsFileSchema);
  const exclusions = read('exclusions', exclusionsFileSchema);
  const plans = read('plans', plansFileSchema(products ? Object.keys(products.categories) : null));
  const regions = read('regions', regionsFileSchema);
  const terms = read('terms', termsFileSchema);
  const messages = read('messages', warrantyMessagesFileSchema);
  if (!products || !exclusions || !plans || !regions || !terms || !messages)
    throw new KnowledgeError(problems);

  const categories: Record<string, CategoryRule> = {};
  const models: Record<string, ModelRule> = {};
  for (const [id, category] of Object.entries(products.categories)) {
    checkLocales('products', `categories.${id}.name`, category.name);
    categories[id] = {
      id,
      name: category.name,
      aliases: category.aliases,
      months: category.months,
      from: category.from,
      covers: category.covers,
      parts: Object.entries(category.parts).map(([part, period]) => ({
        part,
        months: period.months,
        covers: period.covers ?? category.covers,
      })),
    };
    for (const model of category.models) {
      models[model.id] = {
        id: model.id,
        name: model.name,
        category: id,
        serial: {
          pattern: compileSerialPattern(model.serial.pattern),
          example: model.serial.example,
        },
      };
    }
  }
  for (const [id, part] of Object.entries(products.parts))
    checkLocales('products', `parts.${id}.name`, part.name);
  exclusions.exclusions.forEach((exclusion, index) =>
    checkLocales('exclusions', `exclusions[${index}].text`, exclusion.text),
  );
  const planRules: Record<string, PlanRule> = {};
  plans.plans.forEach((plan, index) => {
    checkLocales('plans', `plans[${index}].name`, plan.name);
    checkLocales('plans', `plans[${index}].description`, plan.description);
    planRules[plan.id] = { ...plan, categories: plan.categories ?? null };
  });
  const regionRules: Record<string, RegionRule> = {};
  for (const [id, region] of Object.entries(regions.regions)) {
    checkLocales('regions', `regions.${id}.name`, region.name);
    regionRules[id] = {
      id,
      name: region.name,
      statutoryMonths: region.statutoryMonths ?? null,
      includesParts: region.includesParts,
    };
  }
  checkLocales('terms', 'proofOfPurchase.documents', terms.proofOfPurchase.documents);
  for (const key of warrantyMessageKeys) checkLocales('messages', key, messages[key] ?? {});

  return {
    rules: {
      defaultLocale: dirs.defaultLocale,
      categories,
      models,
      orderNumber: products.orderNumber
        ? {
            pattern: compileSerialPattern(products.orderNumber.pattern),
            example: products.orderNumber.example,
          }
        : null,
      parts: Object.fromEntries(
        Object.entries(products.parts).map(([id, part]) => [id, { id, name: part.name }]),
      ),
      exclusions: exclusions.exclusions,
      plans: planRules,
      regions: regionRules,
      defaultRegion: regions.defaultRegion,
      terms: {
        proofOfPurchaseRequired: terms.proofOfPurchase.required,
        proofDocuments: terms.proofOfPurchase.documents,
        transfersOnResale: terms.transfersOnResale,
      },
      messages: messages as Record<WarrantyMessageKey, LocalizedText>,
    },
    warnings,
  };
}
