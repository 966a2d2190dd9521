/** The case dialogs' texts (knowledge/service/messages.yaml), money and times in the customer's locale and calendar. */
import { localeProfile } from '../language/locale-profile';
import type { Locale } from '../message';
import type { Turn } from '../pipeline/turn';
import type { ServiceMessageKey } from './message-keys';
import type { ServiceRules } from './service-rules';
import type { LocalizedText } from '../knowledge/knowledge';

export function sayCase(
  turn: Turn,
  rules: ServiceRules,
  key: ServiceMessageKey,
  params: Readonly<Record<string, string>> = {},
): string {
  return pickText(turn, rules.messages[key]).replace(
    /\{([a-zA-Z]+)\}/g,
    (whole, name: string) => params[name] ?? whole,
  );
}

export function pickText(turn: Turn, text: LocalizedText | undefined): string {
  return text ? turn.brain.texts.pick(text, turn.locale) : '';
}

/** A count in the locale's digits (Persian digits for fa). */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(localeProfile(locale).intlLocale).format(value);
}

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(localeProfile(locale).intlLocale, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(amount);
}

/** "Tuesday 2 June, 09:00–10:00" in the locale's calendar (the Persian one for fa). */
export function formatSlot(start: Date, end: Date, locale: Locale, timeZone: string): string {
  const format = new Intl.DateTimeFormat(localeProfile(locale).intlLocale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return format.formatRange(start, end);
}
