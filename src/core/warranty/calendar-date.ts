/**
 * Calendar dates as `YYYY-MM-DD` strings: what warranty periods are counted in. A date has no
 * time and no zone; `todayIn` is the one place where an instant becomes a date, in a given zone.
 * Such strings compare correctly with `<` and `>`.
 */
import { localTime } from '../business-hours';

export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The parts of a real calendar date, or null for `2025-02-30`, `2025-1-5` or anything else. */
function parseCalendarDate(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function format(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function partsOf(date: CalendarDate): { year: number; month: number; day: number } {
  const parts = parseCalendarDate(date);
  if (!parts) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return parts;
}

/**
 * Adds calendar months, clamping to the end of a shorter month: 31 Jan + 1 month = 28 or 29 Feb,
 * 29 Feb + 12 months = 28 Feb. Always counted from the original date, so adding 24 + 12 months
 * equals adding 36 (no drift from clamping twice).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = partsOf(date);
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY);
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const a = partsOf(from);
  const b = partsOf(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / MS_PER_DAY,
  );
}

/**
 * The calendar date of an instant in an IANA time zone: 2025-03-20T21:00Z is already 21 March in
 * Asia/Tehran (UTC+3:30). Throws a RangeError naming the zone when it is not a known zone.
 */
export function todayIn(instant: Date, timeZone: string): CalendarDate {
  try {
    return localTime(instant, timeZone).date;
  } catch {
    throw new RangeError(
      `"${timeZone}" is not a known time zone; use an IANA name such as "Asia/Tehran" or "Europe/Athens"`,
    );
  }
}

/** The UTC midnight instant of a date, for formatting it with Intl in a `timeZone: 'UTC'` formatter. */
export function toUtcInstant(date: CalendarDate): Date {
  const { year, month, day } = partsOf(date);
  return new Date(Date.UTC(year, month - 1, day));
}
