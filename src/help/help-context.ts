/** What every help page is rendered from: the current knowledge, warranty rules and branding. */
import type { Brain } from '../core/brain';
import type { Texts } from '../core/texts';
import type { WarrantyRules } from '../core/warranty/rules';

export interface HelpBrand {
  readonly name: string;
  readonly primaryColor: string;
  readonly logoUrl: string | null;
}

export interface HelpContext {
  readonly brain: Brain;
  readonly rules: WarrantyRules;
  readonly texts: Texts;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  readonly brand: HelpBrand;
  /** `/help/en` as an absolute URL on the site's base address. */
  absolute(path: string): string;
  direction(locale: string): 'rtl' | 'ltr';
}

const rightToLeft = new Set(['fa', 'ar', 'he', 'ur']);

export function createHelpContext(
  options: Omit<HelpContext, 'texts' | 'direction' | 'absolute'> & { baseUrl: string },
): HelpContext {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    ...options,
    texts: options.brain.texts,
    absolute: (path) => `${base}${path}`,
    direction: (locale) => (rightToLeft.has(locale) ? 'rtl' : 'ltr'),
  };
}

/** The context from the configuration's `help` block; the base URL falls back to `origin`. */
export function helpContextFor(
  config: {
    locales: readonly string[];
    defaultLocale: string;
    help: HelpBrand & { baseUrl: string | null };
  },
  brain: Brain,
  rules: WarrantyRules,
  origin: string,
): HelpContext {
  const { baseUrl, name, primaryColor, logoUrl } = config.help;
  const brand = { name, primaryColor, logoUrl };
  return createHelpContext({
    brain,
    rules,
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    brand,
    baseUrl: baseUrl ?? origin,
  });
}
