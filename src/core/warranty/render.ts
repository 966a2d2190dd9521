/**
 * Fills the texts of knowledge/warranty/messages.yaml: dates in the customer's calendar (the
 * Persian calendar for `fa`), durations with the locale's plural, ids by their localized names.
 */
import { localeProfile } from '../language/locale-profile';
import type { Locale } from '../message';
import { toUtcInstant, type CalendarDate } from './calendar-date';
import { paramKinds, type WarrantyMessageKey } from './message-keys';
import { localized, type WarrantyRules } from './rules';
import type { Reason } from './types';

/** The Intl locale a customer's dates are written in. */
const calendarLocale = (locale: Locale): string => localeProfile(locale).intlLocale;

export function formatDate(date: CalendarDate, locale: Locale): string {
  return new Intl.DateTimeFormat(calendarLocale(locale), {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(toUtcInstant(date));
}

function formatDuration(value: number, unit: 'day' | 'month', locale: Locale): string {
  return new Intl.NumberFormat(calendarLocale(locale), {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  }).format(value);
}

/** "a, b and c" in the locale's own way. */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

function renderParam(
  name: string,
  value: string | number,
  rules: WarrantyRules,
  locale: Locale,
): string {
  const pick = (text: Readonly<Record<string, string>> | undefined): string =>
    text ? localized(text, locale, rules.defaultLocale) : String(value);
  switch (paramKinds[name] ?? 'text') {
    case 'date':
      return formatDate(String(value), locale);
    case 'months':
      return formatDuration(Number(value), 'month', locale);
    case 'days':
      return formatDuration(Number(value), 'day', locale);
    case 'number':
      return new Intl.NumberFormat(calendarLocale(locale)).format(Number(value));
    case 'category':
      return pick(rules.categories[value]?.name);
    case 'part':
      return pick(rules.parts[value]?.name);
    case 'plan':
      return pick(rules.plans[value]?.name);
    case 'region':
      return pick(rules.regions[value]?.name);
    case 'exclusion':
      return pick(rules.exclusions.find((exclusion) => exclusion.id === value)?.text);
    case 'text':
      return String(value);
  }
}

/** A message with its placeholders filled; a date ending a sentence ("2025.") does not double the dot. */
export function renderMessage(
  rules: WarrantyRules,
  key: WarrantyMessageKey,
  locale: Locale,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template = localized(rules.messages[key], locale, rules.defaultLocale);
  const filled = template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : renderParam(name, value, rules, locale);
  });
  return filled.replace(/\.(\*\*)?\.(?!\.)/g, '.$1');
}

export function renderReason(rules: WarrantyRules, reason: Reason, locale: Locale): string {
  return renderMessage(rules, `reason-${reason.code}`, locale, reason.params);
}
