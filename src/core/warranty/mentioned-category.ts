/** The product category a customer named ("my washing machine"), from the categories' names and aliases. */
import { normalizeText } from '../language/normalize';
import type { Locale } from '../message';
import type { WarrantyRules } from './rules';

export function mentionedCategory(
  text: string,
  locale: Locale,
  rules: Pick<WarrantyRules, 'categories'>,
): string | undefined {
  const said = ` ${normalizeText(text, locale)} `;
  return Object.values(rules.categories).find((category) =>
    [...Object.values(category.name), ...category.aliases].some((name) => {
      const normalized = normalizeText(name, locale);
      return normalized.length > 1 && said.includes(` ${normalized} `);
    }),
  )?.id;
}
