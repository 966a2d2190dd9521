/**
 * Picks the text for a locale from the knowledge, with the default locale as fallback, and
 * fills {placeholders}. Also renders Serbian in the script the customer writes in.
 */
import type { LocalizedText, MessageCatalog } from './knowledge/knowledge';
import type { MessageKey } from './knowledge/message-keys';
import { localeProfile, type Script } from './language/locale-profile';
import type { Locale } from './message';

export interface Texts {
  /** The bot's own message `key` in `locale`, placeholders filled. */
  message(
    key: MessageKey | string,
    locale: Locale,
    params?: Readonly<Record<string, string>>,
  ): string;
  /** One entry of a per-locale map, falling back to the default locale, then to any. */
  pick(texts: LocalizedText, locale: Locale): string;
  /** Message `key` in every locale that has it, as written (for words a customer may type in any). */
  all(key: MessageKey | string): readonly (readonly [Locale, string])[];
}

export function createTexts(messages: MessageCatalog, defaultLocale: Locale): Texts {
  const pick = (texts: LocalizedText, locale: Locale): string =>
    texts[locale] ?? texts[defaultLocale] ?? Object.values(texts)[0] ?? '';
  return {
    pick,
    all: (key) => Object.entries(messages[key] ?? {}),
    message(key, locale, params = {}) {
      const template = pick(messages[key] ?? {}, locale);
      return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => params[name] ?? whole);
    },
  };
}

/** Serbian answers are written in Cyrillic; a customer who writes Latin gets Latin back. */
export function inScript(text: string, locale: Locale, script: Script | null): string {
  return localeProfile(locale).scripts?.render(text, script) ?? text;
}

/** A language's own name for itself ("فارسی", "Tiếng Việt"), for language buttons. */
export function nativeName(locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/**
 * In a right-to-left answer, a phone number such as 021-66097859 is shown by the Unicode bidi
 * algorithm as "66097859-021". Wrapping number runs with dashes or spaces in a left-to-right
 * isolate (U+2066 … U+2069) keeps them readable on every channel (web, Telegram, Teams).
 */
export function isolateNumbers(text: string, locale: Locale): string {
  if (!localeProfile(locale).rightToLeft) return text;
  // Only runs that stand alone: after Latin letters (a serial such as WM07-2304-1188) digits
  // already take the letters' direction.
  return text.replace(
    /(?<![\p{L}\p{N}-])\+?[0-9۰-۹٠-٩]+(?:[ -][0-9۰-۹٠-٩]+)+(?![\p{L}\p{N}])/gu,
    (run) => `\u2066${run}\u2069`,
  );
}
