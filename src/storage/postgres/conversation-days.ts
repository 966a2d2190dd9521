/**
 * Conversation days on PostgreSQL, counted as on SQLite (src/storage/conversation-days.ts). Days
 * are UTC dates; text sorts by code point ("C") so the order is the SQLite one on any locale.
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
import type { Queryable } from './async-port';
import { on, type PostgresPool } from './pool';

/** Midnight UTC of a YYYY-MM-DD day, or null for an open end. */
export const dayStart = (day: string | undefined): Date | null =>
  day === undefined || day === '' ? null : new Date(`${day}T00:00:00Z`);

/** A timestamptz column as its UTC date, YYYY-MM-DD. */
export const utcDay = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

export function createPostgresConversationDays(pool: PostgresPool): ConversationDays {
  return {
    read: (range) => readConversationDays(on(pool), range),
    readKept: (range) => readKeptDays(on(pool), range),
    keep: (days) => keepDays(on(pool), days),
  };
}

export async function readConversationDays(
  db: Queryable,
  range: ConversationDayRange,
): Promise<ConversationDay[]> {
  const one = range.conversation;
  const { rows } = await db.query<DayLine & Record<string, unknown>>(
    `SELECT channel, conversation_id, direction, locale, kind,
            CASE WHEN kind = 'handoff' THEN reply_json::jsonb ->> 'handoffReason' END AS reason,
            ${utcDay('at')} AS day
     FROM messages
     WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
       AND ($3::text IS NULL OR (channel = $3 AND conversation_id = $4))
     ORDER BY channel, conversation_id, id`,
    [
      dayStart(range.from),
      dayStart(range.until),
      one?.channel ?? null,
      one?.conversationId ?? null,
    ],
  );
  return countConversationDays(rows);
}

export async function readKeptDays(db: Queryable, range: DayRange): Promise<ConversationDay[]> {
  const args = [range.from ?? '', range.until ?? '9999'];
  const [days, reasons] = await Promise.all([
    db.query<KeptDayRow & Record<string, unknown>>(
      `SELECT * FROM report_days WHERE day >= $1 AND day < $2
       ORDER BY day COLLATE "C", channel COLLATE "C", locale COLLATE "C"`,
      args,
    ),
    db.query<KeptReasonRow & Record<string, unknown>>(
      'SELECT * FROM report_handoff_reasons WHERE day >= $1 AND day < $2',
      args,
    ),
  ]);
  return keptDays(days.rows, reasons.rows);
}

export async function keepDays(db: Queryable, days: readonly ConversationDay[]): Promise<void> {
  for (const row of days) {
    await db.query(
      `INSERT INTO report_days (day, channel, locale, conversations, handed_off) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (day, channel, locale) DO UPDATE SET
         conversations = report_days.conversations + excluded.conversations,
         handed_off = report_days.handed_off + excluded.handed_off`,
      [row.day, row.channel, row.locale, row.conversations, row.handedOff],
    );
    for (const [reason, count] of Object.entries(row.reasons))
      await db.query(
        `INSERT INTO report_handoff_reasons (day, channel, locale, reason, count) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (day, channel, locale, reason) DO UPDATE SET count = report_handoff_reasons.count + excluded.count`,
        [row.day, row.channel, row.locale, reason, count],
      );
  }
}
