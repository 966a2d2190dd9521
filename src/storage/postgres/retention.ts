/**
 * The retention sweep on PostgreSQL, as on SQLite (src/storage/sqlite/retention.ts): transcripts
 * older than the cutoff's day go after their days are added to the report's aggregates, closed
 * tickets older than it lose what names the customer, delivered outbox jobs go; customer records
 * and units stay. One transaction under the privacy lock, so replicas sweeping together count once.
 */
import type { AuditActor, TableCounts } from '../../core/privacy/ports';
import { createPostgresAuditLog } from './audit-suggestions';
import { dayStart, keepDays, readConversationDays } from './conversation-days';
import type { Queryable } from './async-port';
import { inTransaction, type PostgresPool } from './pool';

/** The advisory lock erase and retention hold for their transaction ("aftercare privacy"). */
export const PRIVACY_LOCK = 7_301_119_830_126n;

export async function lockPrivacy(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [PRIVACY_LOCK.toString()]);
}

export async function applyPostgresRetention(
  pool: PostgresPool,
  cutoff: Date,
  audit: AuditActor,
): Promise<TableCounts> {
  // Whole days only, so a day is either all in the aggregates or all in the transcripts.
  const day = cutoff.toISOString().slice(0, 10);
  const before = dayStart(day);
  return inTransaction(pool, async (client) => {
    await lockPrivacy(client);
    const kept = await readConversationDays(client, { until: day });
    await keepDays(client, kept);
    await client.query(
      `UPDATE tickets SET first_staff_reply_at = coalesce(first_staff_reply_at,
         (SELECT min(at) FROM ticket_messages WHERE ticket_id = tickets.id AND author = 'staff'))
       WHERE id IN (SELECT ticket_id FROM ticket_messages WHERE at < $1)`,
      [before],
    );
    const changes = async (sql: string): Promise<number> =>
      (await client.query(sql, [before])).rowCount ?? 0;
    const open = `(SELECT channel, conversation_id FROM tickets WHERE status <> 'resolved')`;
    const counts = {
      messages: await changes('DELETE FROM messages WHERE at < $1'),
      ticket_messages: await changes('DELETE FROM ticket_messages WHERE at < $1'),
      'tickets (anonymised)': await changes(
        `UPDATE tickets SET user_id = '', conversation_id = 'expired:' || id, reference_json = NULL,
           satisfaction_comment = NULL WHERE status = 'resolved' AND resolved_at < $1 AND user_id <> ''`,
      ),
      conversations: await changes(
        `DELETE FROM conversations WHERE updated_at < $1 AND (channel, conversation_id) NOT IN ${open}`,
      ),
      conversation_refs: await changes(
        `DELETE FROM conversation_refs WHERE updated_at < $1 AND (channel, conversation_id) NOT IN ${open}`,
      ),
      outbox: await changes(
        `DELETE FROM outbox WHERE state IN ('sent', 'failed', 'abandoned') AND updated_at < $1`,
      ),
      'report_days (days added)': new Set(kept.map((row) => row.day)).size,
    };
    await createPostgresAuditLog(pool).record({
      ...audit,
      action: 'retention',
      subject: `before:${day}`,
      detail: { counts },
    });
    return counts;
  });
}
