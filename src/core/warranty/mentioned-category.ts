/** The product category a customer named ("my washing machine"), from the categories' names and aliases. */
import { normalizeText } from '../language/normalize';
import type { Locale } from '../message';
import type { CategoryRule, WarrantyRules } from './rules';

type NormalizedNames = readonly { readonly id: string; readonly names: readonly string[] }[];
const normalizedCache = new WeakMap<WarrantyRules['categories'], Map<Locale, NormalizedNames>>();

export function mentionedCategory(
  text: string,
  locale: Locale,
  rules: Pick<WarrantyRules, 'categories'>,
): string | undefined {
  const said = ` ${normalizeText(text, locale)} `;
  return normalizedNames(rules.categories, locale).find((category) =>
    category.names.some((name) => said.includes(` ${name} `)),
  )?.id;
}

/**
 * Every category's names (in every language) and aliases in the normal form of `locale`, computed
 * once per loaded rule set and locale instead of on every message.
 */
function normalizedNames(
  categories: Readonly<Record<string, CategoryRule>>,
  locale: Locale,
): NormalizedNames {
  let byLocale = normalizedCache.get(categories);
  if (!byLocale) normalizedCache.set(categories, (byLocale = new Map()));
  let normalized = byLocale.get(locale);
  if (!normalized) {
    normalized = Object.values(categories).map((category) => ({
      id: category.id,
      names: [...Object.values(category.name), ...category.aliases]
        .map((name) => normalizeText(name, locale))
        .filter((name) => name.length > 1),
    }));
    byLocale.set(locale, normalized);
  }
  return normalized;
}
