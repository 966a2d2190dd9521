/**
 * Conversations per day, channel and language, read from the stored transcripts: a conversation
 * counts on each day it has a customer message, in the language of its first one that day, and as
 * handed off on a day one of its replies was a hand-off. The report reads these for the days whose
 * transcripts are kept, and report_days (written by the retention sweep) for older ones.
 */
import type { SqliteDatabase } from './open-database';

export interface ConversationDay {
  readonly day: string;
  readonly channel: string;
  readonly locale: string;
  readonly conversations: number;
  readonly handedOff: number;
  readonly reasons: Readonly<Record<string, number>>;
}

interface Row {
  channel: string;
  conversation_id: string;
  direction: 'in' | 'out';
  locale: string | null;
  kind: string | null;
  reason: string | null;
  day: string;
}

/** Days in [from, until) (YYYY-MM-DD, either open), oldest first. */
export function readConversationDays(
  db: SqliteDatabase,
  range: {
    readonly from?: string;
    readonly until?: string;
    /** Only this conversation's days (an erase keeps them as aggregates). */
    readonly conversation?: { readonly channel: string; readonly conversationId: string };
  },
): ConversationDay[] {
  const one = range.conversation;
  const rows = db
    .prepare(
      `SELECT channel, conversation_id, direction, locale, kind,
              CASE WHEN kind = 'handoff' THEN json_extract(reply_json, '$.handoffReason') END AS reason,
              substr(at, 1, 10) AS day
       FROM messages WHERE at >= ? AND at < ? ${one ? 'AND channel = ? AND conversation_id = ?' : ''}
       ORDER BY channel, conversation_id, id`,
    )
    .iterate(
      range.from ?? '',
      range.until ?? '9999',
      ...(one ? [one.channel, one.conversationId] : []),
    ) as Iterable<Row>;
  interface Visit {
    channel: string;
    day: string;
    locale: string | null;
    customer: boolean;
    reason: string | null;
    handedOff: boolean;
  }
  const visits = new Map<string, Visit>();
  for (const row of rows) {
    const key = `${row.channel}\u0000${row.conversation_id}\u0000${row.day}`;
    let visit = visits.get(key);
    if (!visit) {
      visit = {
        channel: row.channel,
        day: row.day,
        locale: null,
        customer: false,
        reason: null,
        handedOff: false,
      };
      visits.set(key, visit);
    }
    if (row.direction === 'in') visit.customer = true;
    visit.locale ??= row.locale;
    if (row.kind === 'handoff' && !visit.handedOff) {
      visit.handedOff = true;
      visit.reason = row.reason ?? 'unknown';
    }
  }
  const days = new Map<
    string,
    {
      day: string;
      channel: string;
      locale: string;
      conversations: number;
      handedOff: number;
      reasons: Record<string, number>;
    }
  >();
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

/** The aggregated days the retention sweep kept, in [from, until). */
export function readKeptDays(
  db: SqliteDatabase,
  range: { readonly from?: string; readonly until?: string },
): ConversationDay[] {
  const args = [range.from ?? '', range.until ?? '9999'];
  const reasons = db
    .prepare('SELECT * FROM report_handoff_reasons WHERE day >= ? AND day < ?')
    .all(...args) as {
    day: string;
    channel: string;
    locale: string;
    reason: string;
    count: number;
  }[];
  const days = db
    .prepare('SELECT * FROM report_days WHERE day >= ? AND day < ? ORDER BY day, channel, locale')
    .all(...args) as {
    day: string;
    channel: string;
    locale: string;
    conversations: number;
    handed_off: number;
  }[];
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

/** Adds days to the kept aggregates (before their transcript lines are deleted). */
export function keepDays(db: SqliteDatabase, days: readonly ConversationDay[]): void {
  const addDay = db.prepare(
    `INSERT INTO report_days (day, channel, locale, conversations, handed_off) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (day, channel, locale) DO UPDATE SET conversations = conversations + excluded.conversations,
       handed_off = handed_off + excluded.handed_off`,
  );
  const addReason = db.prepare(
    `INSERT INTO report_handoff_reasons (day, channel, locale, reason, count) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (day, channel, locale, reason) DO UPDATE SET count = count + excluded.count`,
  );
  for (const row of days) {
    addDay.run(row.day, row.channel, row.locale, row.conversations, row.handedOff);
    for (const [reason, count] of Object.entries(row.reasons))
      addReason.run(row.day, row.channel, row.locale, reason, count);
  }
}
