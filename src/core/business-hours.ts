/** Whether staff are at work at an instant, and when they next are, in the configured time zone. */
export interface OpeningWindow {
  readonly from: string;
  readonly to: string;
}

export interface BusinessHours {
  readonly timeZone: string;
  readonly open: Partial<Record<Weekday, readonly OpeningWindow[]>>;
  readonly holidays: readonly string[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

interface LocalTime {
  readonly date: string;
  readonly weekday: Weekday;
  readonly minutes: number;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: get('weekday').toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const toMinutes = (time: string): number =>
  Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function isOpen(at: Date, hours: BusinessHours): boolean {
  const local = localTime(at, hours.timeZone);
  if (hours.holidays.includes(local.date)) return false;
  return (hours.open[local.weekday] ?? []).some(
    (window) => local.minutes >= toMinutes(window.from) && local.minutes < toMinutes(window.to),
  );
}

/** The next instant staff are at work (now, if open); null when no day is ever open. */
export function nextOpening(at: Date, hours: BusinessHours): Date | null {
  if (isOpen(at, hours)) return at;
  // Step in 15-minute increments over two weeks: simple, exact at window starts on the quarter hour.
  const step = 15 * 60 * 1000;
  const start = Math.ceil(at.getTime() / step) * step;
  for (let time = start; time < at.getTime() + 15 * 24 * 3600 * 1000; time += step) {
    const candidate = new Date(time);
    if (isOpen(candidate, hours)) return candidate;
  }
  return null;
}
