/**
 * The warranty rules as the engine reads them: loaded from knowledge/warranty/*.yaml and
 * validated by src/config/load-warranty.ts. Plain data; every period, price and text comes from
 * those files, none from code.
 */
import type { LocalizedText } from '../knowledge/knowledge';
import type { Locale } from '../message';
import type { WarrantyMessageKey } from './message-keys';

/** The costs a warranty can pay for: spare parts, the technician's work, a visit at the customer's place. */
export interface Costs {
  readonly parts: boolean;
  readonly labour: boolean;
  readonly onSite: boolean;
}

export const costKinds = ['parts', 'labour', 'onSite'] as const;
export type CostKind = (typeof costKinds)[number];

/** Where a period is counted from: the invoice date or the delivery (installation) date. */
export type PeriodStart = 'purchase' | 'delivery';

export interface SerialFormat {
  /** Anchored (`^(?:...)$`, no `g` flag); tested against the serial in capitals without spaces or dashes. */
  readonly pattern: RegExp;
  /** Shown to customers who mistype their serial. */
  readonly example: string;
}

export interface ModelRule {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly serial: SerialFormat;
}

/** A part class with a period of its own within a category (battery 6 months, motor 60). */
export interface PartPeriod {
  readonly part: string;
  readonly months: number;
  readonly covers: Costs;
}

export interface CategoryRule {
  readonly id: string;
  readonly name: LocalizedText;
  /** Other words customers use for the category, any language. */
  readonly aliases: readonly string[];
  readonly months: number;
  readonly from: PeriodStart;
  readonly covers: Costs;
  readonly parts: readonly PartPeriod[];
}

export interface PartClass {
  readonly id: string;
  readonly name: LocalizedText;
}

export interface Exclusion {
  readonly id: string;
  /** Issues that always fall under this exclusion, e.g. `filter` for consumables. */
  readonly issues: readonly string[];
  /** What the customer is told, per locale. */
  readonly text: LocalizedText;
}

export interface PlanRule {
  readonly id: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly addsMonths: number;
  /** Counted only when bought within this many months of the purchase date. */
  readonly buyWithinMonths: number;
  /** Costs paid while the plan runs, on top of the category's own. */
  readonly alsoCovers: readonly CostKind[];
  readonly maintenance: { readonly discountPercent: number; readonly freeVisitsPerYear: number };
  /** Categories the plan can be bought for; null for all. */
  readonly categories: readonly string[] | null;
}

export interface RegionRule {
  readonly id: string;
  readonly name: LocalizedText;
  /** The legal minimum; a shorter manufacturer period is extended to it. Null for none. */
  readonly statutoryMonths: number | null;
  /** Whether part classes with a shorter period (batteries) also get the minimum. */
  readonly includesParts: boolean;
}

export interface WarrantyTerms {
  readonly proofOfPurchaseRequired: boolean;
  /** Which documents count as proof, per locale. */
  readonly proofDocuments: LocalizedText;
  readonly transfersOnResale: boolean;
}

export interface WarrantyRules {
  readonly defaultLocale: Locale;
  /** In file order: the first model of a category gives its example serial. */
  readonly categories: Readonly<Record<string, CategoryRule>>;
  readonly models: Readonly<Record<string, ModelRule>>;
  /** The format of order numbers, which customers may give instead of a serial; null if unused. */
  readonly orderNumber: SerialFormat | null;
  readonly parts: Readonly<Record<string, PartClass>>;
  readonly exclusions: readonly Exclusion[];
  /** In file order, which is the order plans are offered in. */
  readonly plans: Readonly<Record<string, PlanRule>>;
  readonly regions: Readonly<Record<string, RegionRule>>;
  readonly defaultRegion: string;
  readonly terms: WarrantyTerms;
  readonly messages: Readonly<Record<WarrantyMessageKey, LocalizedText>>;
}

/** The text for `locale`, else the default locale's, else any. */
export function localized(text: LocalizedText, locale: Locale, defaultLocale: Locale): string {
  return text[locale] ?? text[defaultLocale] ?? Object.values(text)[0] ?? '';
}
