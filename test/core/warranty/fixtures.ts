/**
 * Warranty rules for tests: small ones written in code (so edge tests do not move when the
 * sample content is edited), and the shipped sample rules loaded from knowledge/warranty.
 */
import path from 'node:path';
import { loadWarrantyRules } from '../../../src/config/load-warranty';
import { compileSerialPattern } from '../../../src/config/warranty-schema';
import type { CategoryRule, PlanRule, WarrantyRules } from '../../../src/core/warranty/rules';
import type { Unit } from '../../../src/core/warranty/types';

export const repoRoot = path.resolve(__dirname, '../../..');
export const locales = ['en', 'fa', 'vi', 'el', 'sr', 'ta'] as const;

export function sampleRules(): WarrantyRules {
  return loadWarrantyRules({
    rootDir: repoRoot,
    knowledgeDir: 'knowledge',
    locales,
    defaultLocale: 'en',
  }).rules;
}

const allCosts = { parts: true, labour: true, onSite: false };

const category = (id: string, months: number, extra: Partial<CategoryRule> = {}): CategoryRule => ({
  id,
  name: { en: id },
  aliases: [],
  months,
  from: 'purchase',
  covers: allCosts,
  parts: [],
  ...extra,
});

const plan = (id: string, addsMonths: number, extra: Partial<PlanRule> = {}): PlanRule => ({
  id,
  name: { en: id },
  description: { en: `${id} plan` },
  addsMonths,
  buyWithinMonths: 12,
  alsoCovers: [],
  maintenance: { discountPercent: 0, freeVisitsPerYear: 0 },
  categories: null,
  ...extra,
});

/**
 * - `monthly`: 1 month from purchase (for the 31 January edge);
 * - `yearly`: 12 months from purchase, battery 6 months;
 * - `gadget`: 24 months from purchase, battery 6;
 * - `washer`: 24 months from delivery, motor 60, on-site visits;
 * - `cooler`: 18 months from delivery (shorter than the EU minimum);
 * - plans `plus` (+12, 20 % off maintenance) and `premium` (+24, on-site, a free visit);
 * - regions `home` (no minimum, the default) and `eu` (24 months, parts too).
 */
export function testRules(): WarrantyRules {
  const model = (id: string, categoryId: string, prefix: string) => ({
    id,
    name: id.toUpperCase(),
    category: categoryId,
    serial: { pattern: compileSerialPattern(`${prefix}[0-9]{6}`), example: `${prefix}-123456` },
  });
  const sample = sampleRules();
  return {
    defaultLocale: 'en',
    categories: {
      monthly: category('monthly', 1),
      yearly: category('yearly', 12, { parts: [{ part: 'battery', months: 6, covers: allCosts }] }),
      gadget: category('gadget', 24, { parts: [{ part: 'battery', months: 6, covers: allCosts }] }),
      washer: category('washer', 24, {
        from: 'delivery',
        covers: { parts: true, labour: true, onSite: true },
        parts: [
          { part: 'motor', months: 60, covers: { parts: true, labour: false, onSite: false } },
        ],
      }),
      cooler: category('cooler', 18, { from: 'delivery' }),
    },
    models: {
      m1: model('m1', 'monthly', 'MO'),
      y1: model('y1', 'yearly', 'YE'),
      g1: model('g1', 'gadget', 'GA'),
      w1: model('w1', 'washer', 'WA'),
      c1: model('c1', 'cooler', 'CO'),
    },
    orderNumber: null,
    parts: {
      battery: { id: 'battery', name: { en: 'battery' } },
      motor: { id: 'motor', name: { en: 'motor' } },
    },
    exclusions: [
      { id: 'liquid-damage', issues: [], text: { en: 'Liquid damage is not covered.' } },
      { id: 'consumables', issues: ['filter'], text: { en: 'Consumables are not covered.' } },
    ],
    plans: {
      plus: plan('plus', 12, { maintenance: { discountPercent: 20, freeVisitsPerYear: 0 } }),
      premium: plan('premium', 24, {
        alsoCovers: ['onSite'],
        maintenance: { discountPercent: 0, freeVisitsPerYear: 1 },
      }),
    },
    regions: {
      home: { id: 'home', name: { en: 'Home' }, statutoryMonths: null, includesParts: false },
      eu: { id: 'eu', name: { en: 'European Union' }, statutoryMonths: 24, includesParts: true },
    },
    defaultRegion: 'home',
    terms: {
      proofOfPurchaseRequired: true,
      proofDocuments: { en: 'the invoice' },
      transfersOnResale: true,
    },
    // The texts themselves are the sample's: their wording is not what these tests are about.
    messages: sample.messages,
  };
}

export function unit(
  overrides: Partial<Unit> & Pick<Unit, 'serial' | 'model' | 'purchaseDate'>,
): Unit {
  return {
    orderNumber: null,
    deliveryDate: null,
    region: null,
    plans: [],
    exclusions: [],
    customerId: null,
    ...overrides,
  };
}
