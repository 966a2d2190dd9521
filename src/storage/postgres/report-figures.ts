/**
 * What the insights report reads from PostgreSQL, as from SQLite (src/storage/sqlite/report-figures.ts):
 * conversation days from the transcripts still kept and from the kept aggregates, and the tickets
 * opened in the range. Times go out as the ISO strings the SQLite backend stores.
 */
import type { ReportFigures, ReportFiguresReader, TicketFigure } from '../../insights/report';
import { dayStart, readConversationDays, readKeptDays, utcDay } from './conversation-days';
import { on, type PostgresPool } from './pool';

interface TicketRow extends Record<string, unknown> {
  day: string;
  channel: string;
  locale: string;
  reason: string;
  created_at: Date;
  first_staff_reply_at: Date | null;
  satisfaction: number | null;
}

export function createPostgresReportFigures(pool: PostgresPool): ReportFiguresReader {
  return async (range): Promise<ReportFigures> => {
    const db = on(pool);
    const [kept, counted, tickets] = await Promise.all([
      readKeptDays(db, range),
      readConversationDays(db, range),
      db.query<TicketRow>(
        `SELECT ${utcDay('created_at')} AS day, channel, locale, reason, created_at,
                coalesce(first_staff_reply_at,
                  (SELECT min(at) FROM ticket_messages m WHERE m.ticket_id = tickets.id AND m.author = 'staff')) AS first_staff_reply_at,
                satisfaction
         FROM tickets WHERE created_at >= $1 AND created_at < $2 ORDER BY id`,
        [dayStart(range.from), dayStart(range.until)],
      ),
    ]);
    return {
      days: [...kept, ...counted],
      tickets: tickets.rows.map((row): TicketFigure => ({
        day: row.day,
        channel: row.channel,
        locale: row.locale,
        reason: row.reason,
        createdAt: row.created_at.toISOString(),
        firstStaffReplyAt: row.first_staff_reply_at?.toISOString() ?? null,
        satisfaction: row.satisfaction,
      })),
    };
  };
}
