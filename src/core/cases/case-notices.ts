/**
 * What the customer reads about a case: the status text of knowledge/case-statuses.yaml in the
 * case's language (Serbian in the customer's script), dates in their calendar and time zone.
 */
import { localeProfile } from '../language/locale-profile';
import type { Locale, Reply } from '../message';
import { inScript, isolateNumbers } from '../texts';
import { findStatus, type CaseMessageKey, type CaseStatusRules } from './statuses';
import type { ServiceCase } from './types';

/** The text of `texts` in `locale`, its base language, or English. */
export function localizedText(
  texts: Readonly<Record<Locale, string>>,
  locale: Locale,
  fallback: Locale,
): string {
  const base = locale.split('-')[0] ?? locale;
  return (
    texts[locale] ?? texts[base] ?? texts[fallback] ?? texts.en ?? Object.values(texts)[0] ?? ''
  );
}

const fill = (text: string, params: Readonly<Record<string, string>>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

/** A date and time in the customer's calendar (Persian for `fa`) and the business's zone. */
export function formatCaseTime(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(localeProfile(locale).intlLocale, {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(at);
}

export interface CaseTextOptions {
  readonly rules: CaseStatusRules;
  readonly timeZone: string;
  readonly defaultLocale: Locale;
}

/** Renders for the case's customer: their locale, their Serbian script, numbers kept left to right. */
function forCustomer(serviceCase: ServiceCase, text: string): string {
  return isolateNumbers(inScript(text, serviceCase.locale, serviceCase.script), serviceCase.locale);
}

function message(
  options: CaseTextOptions,
  key: CaseMessageKey,
  locale: Locale,
  params: Readonly<Record<string, string>>,
): string {
  return fill(localizedText(options.rules.messages[key], locale, options.defaultLocale), params);
}

/** "Repair R-2612-0042: a technician is now diagnosing your unit." */
export function statusText(serviceCase: ServiceCase, options: CaseTextOptions): string {
  const status = findStatus(options.rules, serviceCase.status);
  const text = status
    ? localizedText(status.texts, serviceCase.locale, options.defaultLocale)
    : `{case}: ${serviceCase.status}`;
  return fill(text, { case: serviceCase.id });
}

/** The status with the time of the last change and the appointment, when there is one. */
export function caseSummaryText(serviceCase: ServiceCase, options: CaseTextOptions): string {
  const lines = [statusText(serviceCase, options)];
  const last = serviceCase.history.at(-1);
  if (serviceCase.appointment && serviceCase.closedAt === null)
    lines.push(
      message(options, 'case-appointment', serviceCase.locale, {
        date: formatCaseTime(serviceCase.appointment.start, serviceCase.locale, options.timeZone),
      }),
    );
  if (last)
    lines.push(
      message(options, 'case-updated', serviceCase.locale, {
        date: formatCaseTime(last.at, serviceCase.locale, options.timeZone),
      }),
    );
  return forCustomer(serviceCase, lines.join(' '));
}

/** The message a status change sends to the customer. */
export function statusNotice(serviceCase: ServiceCase, options: CaseTextOptions): Reply {
  return {
    kind: 'answer',
    text: forCustomer(serviceCase, statusText(serviceCase, options)),
    locale: serviceCase.locale,
    choices: [],
    intent: 'case-status',
    faq: null,
    confidence: 1,
  };
}

/** A text about no case in particular (not found, none open), in a turn's locale. */
export function caseMessage(
  options: CaseTextOptions,
  key: CaseMessageKey,
  locale: Locale,
  params: Readonly<Record<string, string>> = {},
): string {
  return message(options, key, locale, params);
}
