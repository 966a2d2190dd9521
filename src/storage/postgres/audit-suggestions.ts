/**
 * AuditLog and SuggestionStore on PostgreSQL (migration 001), the same rows and meaning as the
 * SQLite ones (src/storage/sqlite/audit-log.ts, suggestion-store.ts).
 */
import type { AuditEntry, AuditLog } from '../../core/privacy/ports';
import type { Suggestion, SuggestionStore } from '../../suggestions/suggestion-store';
import { inTransaction, on, type PostgresPool } from './pool';

export function createPostgresAuditLog(pool: PostgresPool): AuditLog {
  return {
    async record(entry) {
      await on(pool).query(
        'INSERT INTO audit_log (at, actor, action, subject, detail_json) VALUES ($1, $2, $3, $4, $5)',
        [entry.at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.detail ?? {})],
      );
    },
    async list(filter = {}) {
      const { rows } = await on(pool).query<{
        id: number;
        at: Date;
        actor: string;
        action: AuditEntry['action'];
        subject: string;
        detail_json: string;
      }>(
        'SELECT * FROM audit_log WHERE $1::timestamptz IS NULL OR at >= $1 ORDER BY at, id LIMIT $2',
        [filter.since ?? null, filter.limit ?? 10_000],
      );
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        subject: row.subject,
        detail: JSON.parse(row.detail_json) as Record<string, unknown>,
      }));
    },
  };
}

interface SuggestionRow extends Record<string, unknown> {
  id: number;
  faq: string;
  locale: string;
  text: string;
  source: Suggestion['source'];
  status: Suggestion['status'];
  seen: number;
  first_seen: Date;
  last_seen: Date;
}

const toSuggestion = (row: SuggestionRow): Suggestion => ({
  id: row.id,
  faq: row.faq,
  locale: row.locale,
  text: row.text,
  source: row.source,
  status: row.status,
  seen: row.seen,
  firstSeen: row.first_seen,
  lastSeen: row.last_seen,
});

export function createPostgresSuggestionStore(pool: PostgresPool): SuggestionStore {
  return {
    async record(variants, source) {
      return inTransaction(pool, async (client) => {
        let added = 0;
        for (const variant of variants) {
          const claimed = await client.query(
            'INSERT INTO suggestion_sources (source, source_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
            [source, variant.sourceId],
          );
          if (claimed.rowCount === 0) continue;
          await client.query(
            `INSERT INTO suggestions (faq, locale, text, source, first_seen, last_seen) VALUES ($1, $2, $3, $4, $5, $5)
             ON CONFLICT (faq, locale, text) DO UPDATE SET seen = suggestions.seen + 1,
               last_seen = greatest(suggestions.last_seen, excluded.last_seen)`,
            [variant.faq, variant.locale, variant.text, source, variant.at],
          );
          added++;
        }
        return added;
      });
    },
    async list(status) {
      const { rows } = await on(pool).query<SuggestionRow>(
        'SELECT * FROM suggestions WHERE $1::text IS NULL OR status = $1 ORDER BY seen DESC, id',
        [status ?? null],
      );
      return rows.map(toSuggestion);
    },
    async get(id) {
      const { rows } = await on(pool).query<SuggestionRow>(
        'SELECT * FROM suggestions WHERE id = $1',
        [id],
      );
      return rows[0] ? toSuggestion(rows[0]) : null;
    },
    async setStatus(id, status) {
      await on(pool).query('UPDATE suggestions SET status = $1 WHERE id = $2', [status, id]);
    },
  };
}
