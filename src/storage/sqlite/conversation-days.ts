/**
 * Conversation days on SQLite (src/storage/conversation-days.ts says how they are counted): read
 * from the stored transcripts, and report_days (written by the retention sweep and an erase) for
 * the days whose transcripts are gone.
 */
import {
  countConversationDays,
  keptDays,
  type ConversationDay,
  type ConversationDayRange,
  type ConversationDays,
  type DayLine,
  type DayRange,
  type KeptDayRow,
  type KeptReasonRow,
} from '../conversation-days';
import type { SqliteDatabase } from './open-database';
import { gateAll } from './gate';

export type { ConversationDay };

export function createSqliteConversationDays(db: SqliteDatabase): ConversationDays {
  return gateAll<ConversationDays>(db, {
    async read(range) {
      return readConversationDays(db, range);
    },
    async readKept(range) {
      return readKeptDays(db, range);
    },
    async keep(days) {
      keepDays(db, days);
    },
  });
}

/** Days in [from, until) (YYYY-MM-DD, either open), oldest first. */
export function readConversationDays(
  db: SqliteDatabase,
  range: ConversationDayRange,
): ConversationDay[] {
  const one = range.conversation;
  const lines = db
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
    ) as Iterable<DayLine>;
  return countConversationDays(lines);
}

/** The aggregated days the retention sweep kept, in [from, until). */
export function readKeptDays(db: SqliteDatabase, range: DayRange): ConversationDay[] {
  const args = [range.from ?? '', range.until ?? '9999'];
  const reasons = db
    .prepare('SELECT * FROM report_handoff_reasons WHERE day >= ? AND day < ?')
    .all(...args) as KeptReasonRow[];
  const days = db
    .prepare('SELECT * FROM report_days WHERE day >= ? AND day < ? ORDER BY day, channel, locale')
    .all(...args) as KeptDayRow[];
  return keptDays(days, reasons);
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
