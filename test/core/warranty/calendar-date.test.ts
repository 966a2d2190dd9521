import {
  addDays,
  addMonths,
  daysBetween,
  isCalendarDate,
  todayIn,
} from '../../../src/core/warranty/calendar-date';

describe('calendar dates', () => {
  test('31 January plus one month is the last day of February, in leap and common years', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
  });

  test('29 February plus 12 months is 28 February; plus 48 months is 29 February again', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  test('months carry into the next year and clamp to 30-day months', () => {
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2024-08-31', 1)).toBe('2024-09-30');
    expect(addMonths('2023-12-15', 24)).toBe('2025-12-15');
  });

  test('adding months is counted from the start, so 24 + 12 equals 36 even across a clamp', () => {
    expect(addMonths('2024-01-31', 36)).toBe('2027-01-31');
    // Adding step by step would drift (31 Jan -> 28 Feb -> 28 Mar); the engine adds the total.
    expect(addMonths(addMonths('2024-01-31', 1), 1)).toBe('2024-03-29');
    expect(addMonths('2024-01-31', 2)).toBe('2024-03-31');
  });

  test('days between dates and day arithmetic across month and year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2025-01-01', '2024-12-31')).toBe(-1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  test('only real dates in the form YYYY-MM-DD are dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
    expect(isCalendarDate('2025-4-1')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(() => addMonths('2025-02-30', 1)).toThrow(/not a calendar date/);
  });

  test('an instant late in the evening (UTC) is already the next day in Tehran', () => {
    const instant = new Date('2025-03-20T21:00:00Z'); // 00:30 on 21 March in Asia/Tehran (UTC+3:30)
    expect(todayIn(instant, 'UTC')).toBe('2025-03-20');
    expect(todayIn(instant, 'Asia/Tehran')).toBe('2025-03-21');
    expect(todayIn(new Date('2025-03-20T20:29:00Z'), 'Asia/Tehran')).toBe('2025-03-20');
  });

  test('an unknown time zone is an error that names it', () => {
    expect(() => todayIn(new Date(), 'Mars/Olympus')).toThrow(
      /"Mars\/Olympus" is not a known time zone/,
    );
  });
});
