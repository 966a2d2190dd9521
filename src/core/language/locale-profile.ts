/**
 * What differs per language outside the texts, in one typed map with a base fallback (as nlp.js
 * registers per-language pieces by locale): the Intl locale for dates and numbers, the writing
 * direction, and, for a language written in two scripts (Serbian), how to tell and convert them.
 */
import type { Locale } from '../message';
import { cyrillicToLatin, serbianScript } from './serbian';

export type Script = 'cyrillic' | 'latin';

export interface TwoScripts {
  /** The script a customer's text is in; null when it does not say (digits, punctuation). */
  detect(text: string): Script | null;
  /** Answers are written in the first script; this renders them in the customer's. */
  render(text: string, script: Script | null): string;
}

export interface LocaleProfile {
  /** The Intl locale for dates and numbers: the Persian calendar for `fa`. */
  readonly intlLocale: string;
  readonly rightToLeft: boolean;
  readonly scripts: TwoScripts | null;
}

const base = (locale: Locale): LocaleProfile => ({
  intlLocale: locale,
  rightToLeft: false,
  scripts: null,
});

const rightToLeft = (locale: Locale): LocaleProfile => ({ ...base(locale), rightToLeft: true });

const profiles: Readonly<Partial<Record<Locale, LocaleProfile>>> = {
  fa: { ...rightToLeft('fa'), intlLocale: 'fa-IR-u-ca-persian' },
  ar: rightToLeft('ar'),
  he: rightToLeft('he'),
  ur: rightToLeft('ur'),
  ps: rightToLeft('ps'),
  ckb: rightToLeft('ckb'),
  sr: {
    ...base('sr'),
    scripts: {
      detect: serbianScript,
      render: (text, script) => (script === 'latin' ? cyrillicToLatin(text) : text),
    },
  },
};

/** The profile of `locale`, or the plain one (left to right, one script, Intl's own locale). */
export function localeProfile(locale: Locale): LocaleProfile {
  return profiles[locale] ?? base(locale);
}
