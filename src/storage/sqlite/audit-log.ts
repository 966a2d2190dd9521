/** AuditLog on SQLite (migration 006): who looked at, exported or erased customer data. */
import type { AuditEntry, AuditLog, NewAuditEntry } from '../../core/privacy/ports';
import type { SqliteDatabase } from './open-database';
import { gateAll } from './gate';

interface Row {
  id: number;
  at: string;
  actor: string;
  action: AuditEntry['action'];
  subject: string;
  detail_json: string;
}

/** One audit line; used inside other transactions (an erase writes its line with the erase). */
export function insertAuditEntry(db: SqliteDatabase, entry: NewAuditEntry): void {
  db.prepare(
    'INSERT INTO audit_log (at, actor, action, subject, detail_json) VALUES (?, ?, ?, ?, ?)',
  ).run(
    entry.at.toISOString(),
    entry.actor,
    entry.action,
    entry.subject,
    JSON.stringify(entry.detail ?? {}),
  );
}

export function createSqliteAuditLog(db: SqliteDatabase): AuditLog {
  const select = db.prepare('SELECT * FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT ?');
  return gateAll<AuditLog>(db, {
    async record(entry) {
      insertAuditEntry(db, entry);
    },
    async list(filter = {}) {
      const rows = select.all(filter.since?.toISOString() ?? '', filter.limit ?? 10_000) as Row[];
      return rows.map((row) => ({
        id: row.id,
        at: new Date(row.at),
        actor: row.actor,
        action: row.action,
        subject: row.subject,
        detail: JSON.parse(row.detail_json) as Record<string, unknown>,
      }));
    },
  });
}
