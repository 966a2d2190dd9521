/**
 * The retention sweep: transcripts older than the cutoff's day are deleted after their days are
 * added to the report's aggregates (report_days), closed tickets older than it lose what names
 * the customer (their reason, language, times and score stay for the report), and delivered
 * outbox jobs go. Customer records and units are the warranty file, not transcripts: they stay
 * until an erase request.
 */
import type { AuditActor, TableCounts } from '../../core/privacy/ports';
import { insertAuditEntry } from './audit-log';
import { keepDays, readConversationDays } from './conversation-days';
import type { SqliteDatabase } from './open-database';

export function applyRetention(db: SqliteDatabase, cutoff: Date, audit: AuditActor): TableCounts {
  // Whole days only, so a day is either all in the aggregates or all in the transcripts.
  const day = cutoff.toISOString().slice(0, 10);
  return db.transaction((): TableCounts => {
    const kept = readConversationDays(db, { until: day });
    keepDays(db, kept);
    db.prepare(
      `UPDATE tickets SET first_staff_reply_at = coalesce(first_staff_reply_at,
         (SELECT min(at) FROM ticket_messages WHERE ticket_id = tickets.id AND author = 'staff'))
       WHERE id IN (SELECT ticket_id FROM ticket_messages WHERE at < ?)`,
    ).run(day);
    const open = `(SELECT channel, conversation_id FROM tickets WHERE status <> 'resolved')`;
    const counts = {
      messages: db.prepare('DELETE FROM messages WHERE at < ?').run(day).changes,
      ticket_messages: db.prepare('DELETE FROM ticket_messages WHERE at < ?').run(day).changes,
      'tickets (anonymised)': db
        .prepare(
          `UPDATE tickets SET user_id = '', conversation_id = 'expired:' || id, reference_json = NULL,
             satisfaction_comment = NULL WHERE status = 'resolved' AND resolved_at < ? AND user_id <> ''`,
        )
        .run(day).changes,
      conversations: db
        .prepare(
          `DELETE FROM conversations WHERE updated_at < ? AND (channel, conversation_id) NOT IN ${open}`,
        )
        .run(day).changes,
      conversation_refs: db
        .prepare(
          `DELETE FROM conversation_refs WHERE updated_at < ? AND (channel, conversation_id) NOT IN ${open}`,
        )
        .run(day).changes,
      outbox: db
        .prepare(
          `DELETE FROM outbox WHERE state IN ('sent', 'failed', 'abandoned') AND updated_at < ?`,
        )
        .run(day).changes,
      'report_days (days added)': new Set(kept.map((row) => row.day)).size,
    };
    insertAuditEntry(db, {
      ...audit,
      action: 'retention',
      subject: `before:${day}`,
      detail: { counts },
    });
    return counts;
  })();
}
