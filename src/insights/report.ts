/**
 * The insights report: the figures a support lead looks at, over a date range, from stored
 * aggregates only (no customer text but the unanswered-question clusters of the gaps report).
 * The /admin page charts it and `aftercare report` prints it; both come from `summarize`.
 *
 * A conversation is counted once per day it has a customer message. Deflection is the share of
 * those not handed to a person that day; the hand-off rate is the rest.
 */
import type { ConversationDay } from '../storage/conversation-days';

/** [from, until): YYYY-MM-DD, `until` excluded. */
export interface ReportRange {
  readonly from: string;
  readonly until: string;
}

export interface TicketFigure {
  readonly day: string;
  readonly channel: string;
  readonly locale: string;
  readonly reason: string;
  readonly createdAt: string;
  readonly firstStaffReplyAt: string | null;
  readonly satisfaction: number | null;
}

export interface ReportFigures {
  readonly days: readonly ConversationDay[];
  readonly tickets: readonly TicketFigure[];
}

/** The stored figures over a range: what each backend's report reader returns. */
export type ReportFiguresReader = (range: ReportRange) => Promise<ReportFigures>;

export interface GapSummary {
  readonly locale: string;
  readonly count: number;
  readonly examples: readonly string[];
  readonly nearest: string | null;
}

interface Split {
  readonly conversations: number;
  readonly handedOff: number;
}

export interface InsightsReport {
  readonly range: ReportRange;
  readonly totals: Split & {
    readonly deflected: number;
    readonly deflectionRate: number | null;
    readonly handoffRate: number | null;
    readonly tickets: number;
  };
  readonly days: readonly (Split & {
    readonly day: string;
    readonly deflectionRate: number | null;
    readonly ratings: number;
    readonly satisfactionAverage: number | null;
  })[];
  readonly handoffReasons: readonly { readonly reason: string; readonly count: number }[];
  readonly firstStaffReply: {
    readonly tickets: number;
    readonly answered: number;
    readonly medianMinutes: number | null;
    readonly p90Minutes: number | null;
  };
  readonly satisfaction: {
    /** Ratings 1 to 5: how many of each. */
    readonly distribution: readonly number[];
    readonly ratings: number;
    readonly average: number | null;
  };
  readonly channels: readonly (Split & { readonly channel: string })[];
  readonly locales: readonly (Split & { readonly locale: string })[];
  /** The top unanswered clusters per language, most asked first. */
  readonly gaps: readonly GapSummary[];
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
const round1 = (value: number): number => Math.round(value * 10) / 10;

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return round1(sorted[Math.max(0, index)] ?? 0);
}

/** Every day of the range, oldest first (ranges are capped at a few years by the callers). */
export function daysOf(range: ReportRange): string[] {
  const days: string[] = [];
  for (
    let at = new Date(`${range.from}T00:00:00Z`);
    at.toISOString().slice(0, 10) < range.until;
    at = new Date(at.getTime() + 86_400_000)
  )
    days.push(at.toISOString().slice(0, 10));
  return days;
}

function splitBy<K extends string>(
  days: readonly ConversationDay[],
  key: (day: ConversationDay) => string,
  name: K,
): (Split & Record<K, string>)[] {
  const totals = new Map<string, { conversations: number; handedOff: number }>();
  for (const day of days) {
    const total = totals.get(key(day)) ?? { conversations: 0, handedOff: 0 };
    total.conversations += day.conversations;
    total.handedOff += day.handedOff;
    totals.set(key(day), total);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1].conversations - a[1].conversations || a[0].localeCompare(b[0]))
    .map(([value, total]) => ({ [name]: value, ...total }) as Split & Record<K, string>);
}

export function summarize(
  range: ReportRange,
  figures: ReportFigures,
  gaps: readonly GapSummary[],
): InsightsReport {
  const conversations = figures.days.reduce((sum, day) => sum + day.conversations, 0);
  const handedOff = figures.days.reduce((sum, day) => sum + day.handedOff, 0);
  const reasons = new Map<string, number>();
  for (const day of figures.days)
    for (const [reason, count] of Object.entries(day.reasons))
      reasons.set(reason, (reasons.get(reason) ?? 0) + count);
  const rated = figures.tickets.filter((ticket) => ticket.satisfaction !== null);
  const distribution = [1, 2, 3, 4, 5].map(
    (score) => rated.filter((ticket) => ticket.satisfaction === score).length,
  );
  const average = (tickets: readonly TicketFigure[]): number | null =>
    tickets.length === 0
      ? null
      : round1(
          tickets.reduce((sum, ticket) => sum + (ticket.satisfaction ?? 0), 0) / tickets.length,
        );
  const waits = figures.tickets
    .filter((ticket) => ticket.firstStaffReplyAt !== null)
    .map(
      (ticket) =>
        (Date.parse(ticket.firstStaffReplyAt ?? '') - Date.parse(ticket.createdAt)) / 60_000,
    )
    .sort((a, b) => a - b);
  return {
    range,
    totals: {
      conversations,
      handedOff,
      deflected: conversations - handedOff,
      deflectionRate: ratio(conversations - handedOff, conversations),
      handoffRate: ratio(handedOff, conversations),
      tickets: figures.tickets.length,
    },
    days: daysOf(range).map((day) => {
      const ofDay = figures.days.filter((row) => row.day === day);
      const dayConversations = ofDay.reduce((sum, row) => sum + row.conversations, 0);
      const dayHandedOff = ofDay.reduce((sum, row) => sum + row.handedOff, 0);
      const dayRated = rated.filter((ticket) => ticket.day === day);
      return {
        day,
        conversations: dayConversations,
        handedOff: dayHandedOff,
        deflectionRate: ratio(dayConversations - dayHandedOff, dayConversations),
        ratings: dayRated.length,
        satisfactionAverage: average(dayRated),
      };
    }),
    handoffReasons: [...reasons.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([reason, count]) => ({ reason, count })),
    firstStaffReply: {
      tickets: figures.tickets.length,
      answered: waits.length,
      medianMinutes: quantile(waits, 0.5),
      p90Minutes: quantile(waits, 0.9),
    },
    satisfaction: { distribution, ratings: rated.length, average: average(rated) },
    channels: splitBy(figures.days, (day) => day.channel, 'channel'),
    locales: splitBy(figures.days, (day) => day.locale, 'locale'),
    gaps,
  };
}
