/**
 * Conversations per day, channel and language, the same on every backend: a conversation counts
 * on each day it has a customer message, in the language of its first line that day, and as
 * handed off on a day one of its replies was a hand-off. The report reads these from the
 * transcripts still kept, and the aggregates the retention sweep (and an erase) kept for the rest.
 * Each backend reads the rows; the counting below is shared, so both count alike.
 */
export interface ConversationDay {
  readonly day: string;
  readonly channel: string;
  readonly locale: string;
  readonly conversations: number;
  readonly handedOff: number;
  readonly reasons: Readonly<Record<string, number>>;
}

/** [from, until) as YYYY-MM-DD, either end open. */
export interface DayRange {
  readonly from?: string;
  readonly until?: string;
}

export interface ConversationDayRange extends DayRange {
  /** Only this conversation's days (an erase keeps them as aggregates). */
  readonly conversation?: { readonly channel: string; readonly conversationId: string };
}

/** The daily figures of a backend: counted from transcripts, and kept as aggregates. */
export interface ConversationDays {
  /** Counted from the stored transcripts, oldest first. */
  read(range: ConversationDayRange): Promise<ConversationDay[]>;
  /** The aggregates kept for days whose transcripts are gone, oldest first. */
  readKept(range: DayRange): Promise<ConversationDay[]>;
  /** Adds days to the kept aggregates (before their transcript lines are deleted). */
  keep(days: readonly ConversationDay[]): Promise<void>;
}

/** One transcript line as the counting needs it, in stored order per conversation. */
export interface DayLine {
  readonly channel: string;
  readonly conversation_id: string;
  readonly direction: 'in' | 'out';
  readonly locale: string | null;
  readonly kind: string | null;
  /** The hand-off reason of a hand-off reply. */
  readonly reason: string | null;
  /** YYYY-MM-DD (UTC). */
  readonly day: string;
}

interface Visit {
  channel: string;
  day: string;
  locale: string | null;
  customer: boolean;
  reason: string | null;
  handedOff: boolean;
}

interface Day {
  day: string;
  channel: string;
  locale: string;
  conversations: number;
  handedOff: number;
  reasons: Record<string, number>;
}

export function countConversationDays(lines: Iterable<DayLine>): ConversationDay[] {
  const visits = new Map<string, Visit>();
  for (const line of lines) {
    const key = `${line.channel}\u0000${line.conversation_id}\u0000${line.day}`;
    let visit = visits.get(key);
    if (!visit) {
      visit = {
        channel: line.channel,
        day: line.day,
        locale: null,
        customer: false,
        reason: null,
        handedOff: false,
      };
      visits.set(key, visit);
    }
    if (line.direction === 'in') visit.customer = true;
    visit.locale ??= line.locale;
    if (line.kind === 'handoff' && !visit.handedOff) {
      visit.handedOff = true;
      visit.reason = line.reason ?? 'unknown';
    }
  }
  const days = new Map<string, Day>();
  for (const visit of visits.values()) {
    if (!visit.customer) continue;
    const locale = visit.locale ?? 'und';
    const key = `${visit.day}\u0000${visit.channel}\u0000${locale}`;
    let day = days.get(key);
    if (!day) {
      day = {
        day: visit.day,
        channel: visit.channel,
        locale,
        conversations: 0,
        handedOff: 0,
        reasons: {},
      };
      days.set(key, day);
    }
    day.conversations++;
    if (visit.handedOff && visit.reason !== null) {
      day.handedOff++;
      day.reasons[visit.reason] = (day.reasons[visit.reason] ?? 0) + 1;
    }
  }
  return [...days.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      a.channel.localeCompare(b.channel) ||
      a.locale.localeCompare(b.locale),
  );
}

export interface KeptDayRow {
  readonly day: string;
  readonly channel: string;
  readonly locale: string;
  readonly conversations: number;
  readonly handed_off: number;
}

export interface KeptReasonRow {
  readonly day: string;
  readonly channel: string;
  readonly locale: string;
  readonly reason: string;
  readonly count: number;
}

/** report_days rows (in the order read) with their report_handoff_reasons. */
export function keptDays(
  days: readonly KeptDayRow[],
  reasons: readonly KeptReasonRow[],
): ConversationDay[] {
  return days.map((row) => ({
    day: row.day,
    channel: row.channel,
    locale: row.locale,
    conversations: row.conversations,
    handedOff: row.handed_off,
    reasons: Object.fromEntries(
      reasons
        .filter(
          (reason) =>
            reason.day === row.day &&
            reason.channel === row.channel &&
            reason.locale === row.locale,
        )
        .map((reason) => [reason.reason, reason.count]),
    ),
  }));
}
