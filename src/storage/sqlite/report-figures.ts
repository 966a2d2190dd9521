/**
 * What the insights report (/admin, `aftercare report`) reads from SQLite: conversation days
 * (from the transcripts still kept, and report_days for the days the retention sweep deleted) and
 * the tickets opened in the range (reason, first staff reply, rating). No customer text or id.
 */
import type { ReportFiguresReader, TicketFigure } from '../../insights/report';
import { readConversationDays, readKeptDays } from './conversation-days';
import type { SqliteDatabase } from './open-database';

export function createSqliteReportFigures(db: SqliteDatabase): ReportFiguresReader {
  const tickets = db.prepare(
    `SELECT substr(created_at, 1, 10) AS day, channel, locale, reason, created_at AS createdAt,
            coalesce(first_staff_reply_at,
              (SELECT min(at) FROM ticket_messages m WHERE m.ticket_id = tickets.id AND m.author = 'staff')) AS firstStaffReplyAt,
            satisfaction
     FROM tickets WHERE created_at >= ? AND created_at < ? ORDER BY id`,
  );
  return async (range) => {
    const days = [...readKeptDays(db, range), ...readConversationDays(db, range)];
    return {
      days,
      tickets: tickets.all(range.from, range.until) as TicketFigure[],
    };
  };
}
