/** knowledge/webchat.yaml: the web chat's own words, every key in every configured locale. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { localeProfile } from '../core/language/locale-profile';
import { inScript } from '../core/texts';
import { parseLocated } from './parse-located';

const perLocale = z.record(z.string().min(1));
export const webchatTextsSchema = z
  .object({
    title: perLocale,
    subtitle: perLocale,
    inputLabel: perLocale,
    placeholder: perLocale,
    send: perLocale,
    error: perLocale,
    rateLimited: perLocale,
    typing: perLocale,
    openChat: perLocale,
    closeChat: perLocale,
    language: perLocale,
    staff: perLocale,
    welcome: perLocale,
    starters: z.record(z.array(z.string().min(1)).max(4)),
  })
  .strict();

export type WebchatTexts = z.infer<typeof webchatTextsSchema>;
export type WebchatStrings = { [K in keyof WebchatTexts]: WebchatTexts[K][string] };

/**
 * The texts per locale; a locale missing a key gets the default locale's text. A locale written in
 * two scripts (Serbian) also gets `<locale>-Latn`: the file's own Latin text, or the transliteration.
 */
export function loadWebchatTexts(options: {
  readonly rootDir: string;
  readonly knowledgeDir: string;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  /** Used when the knowledge folder has no webchat.yaml of its own (the shipped file). */
  readonly fallbackFile: string;
}): Record<string, WebchatStrings> {
  const own = path.join(options.rootDir, options.knowledgeDir, 'webchat.yaml');
  const file = existsSync(own) ? own : options.fallbackFile;
  const texts = parseLocated(
    { file: path.relative(process.cwd(), file) || file, text: readFileSync(file, 'utf8') },
    webchatTextsSchema,
  );
  const keys = Object.keys(texts) as (keyof WebchatTexts)[];
  const strings = (locale: string) =>
    Object.fromEntries(
      keys.map((key) => [key, texts[key][locale] ?? texts[key][options.defaultLocale] ?? '']),
    ) as WebchatStrings;
  const latin = (locale: string): WebchatStrings => {
    const variant = `${locale}-Latn`;
    const render = (text: string) => inScript(text, locale, 'latin');
    const base = strings(locale);
    return Object.fromEntries(
      keys.map((key) => {
        const own = texts[key][variant];
        if (own !== undefined) return [key, own];
        const text = base[key];
        return [key, Array.isArray(text) ? text.map(render) : render(text)];
      }),
    ) as WebchatStrings;
  };
  return Object.fromEntries(
    options.locales.flatMap((locale) => [
      [locale, strings(locale)],
      ...(localeProfile(locale).scripts ? [[`${locale}-Latn`, latin(locale)]] : []),
    ]),
  );
}
