/**
 * Appointment slots from a branch's schedule (knowledge/service/booking.yaml): each window of each
 * open day is cut into slots of `slotMinutes` from its start, in the wall-clock time of the
 * configured zone, and each slot takes `capacity` bookings. Pure: the store counts what is booked.
 */
import { localTime, type Weekday } from '../business-hours';
import { addDays, todayIn, type CalendarDate } from '../warranty/calendar-date';
import type { SlotSchedule, VisitMode } from './service-rules';

export interface Slot {
  readonly branch: string;
  readonly mode: VisitMode;
  readonly start: Date;
  readonly end: Date;
  readonly capacity: number;
}

const weekdays: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const minutesOf = (time: string): number =>
  Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The instant a wall-clock time of a date has in `timeZone` (DST-safe for whole-hour shifts). */
export function zonedInstant(date: CalendarDate, minutes: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let guess = wall;
  for (let round = 0; round < 2; round++) {
    const local = localTime(new Date(guess), timeZone);
    const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
    const shown = Date.UTC(y, m - 1, d, 0, local.minutes);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** The slots of the days after `now` (from tomorrow, `days` days), in time order. */
export function slotsAhead(
  schedule: SlotSchedule,
  where: { readonly branch: string; readonly mode: VisitMode },
  now: Date,
  days: number,
  timeZone: string,
): Slot[] {
  const today = todayIn(now, timeZone);
  const slots: Slot[] = [];
  for (let offset = 1; offset <= days; offset++) {
    const date = addDays(today, offset);
    const weekday = weekdays[new Date(`${date}T12:00:00Z`).getUTCDay()];
    if (!weekday || !schedule.days.includes(weekday) || schedule.holidays.includes(date)) continue;
    for (const window of schedule.hours) {
      const to = minutesOf(window.to);
      for (let from = minutesOf(window.from); from + schedule.slotMinutes <= to;) {
        const start = zonedInstant(date, from, timeZone);
        from += schedule.slotMinutes;
        slots.push({
          ...where,
          start,
          end: zonedInstant(date, from, timeZone),
          capacity: schedule.capacity,
        });
      }
    }
  }
  return slots;
}

/** The first `limit` slots with room left, given the bookings per slot start (ISO). */
export function freeSlots(
  slots: readonly Slot[],
  booked: ReadonlyMap<string, number>,
  limit: number,
  skip: ReadonlySet<string> = new Set(),
): Slot[] {
  return slots
    .filter((slot) => {
      const key = slot.start.toISOString();
      return !skip.has(key) && (booked.get(key) ?? 0) < slot.capacity;
    })
    .slice(0, limit);
}
