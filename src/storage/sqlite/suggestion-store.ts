/** SuggestionStore on SQLite (migration 005). */
import type { LearnedVariant } from '../../suggestions/learn';
import type {
  Suggestion,
  SuggestionStatus,
  SuggestionStore,
} from '../../suggestions/suggestion-store';
import type { SqliteDatabase } from './open-database';
import { gateAll } from './gate';

interface Row {
  id: number;
  faq: string;
  locale: string;
  text: string;
  source: 'clarify' | 'staff';
  status: SuggestionStatus;
  seen: number;
  first_seen: string;
  last_seen: string;
}

export function createSqliteSuggestionStore(db: SqliteDatabase): SuggestionStore {
  const claimSource = db.prepare(
    'INSERT INTO suggestion_sources (source, source_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const upsert = db.prepare(
    `INSERT INTO suggestions (faq, locale, text, source, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (faq, locale, text) DO UPDATE SET seen = seen + 1, last_seen = max(last_seen, excluded.last_seen)`,
  );
  const selectAll = db.prepare('SELECT * FROM suggestions ORDER BY seen DESC, id');
  const selectOne = db.prepare('SELECT * FROM suggestions WHERE id = ?');
  const updateStatus = db.prepare('UPDATE suggestions SET status = ? WHERE id = ?');
  const record = db.transaction(
    (variants: readonly LearnedVariant[], source: 'clarify' | 'staff'): number => {
      let added = 0;
      for (const variant of variants) {
        if (claimSource.run(source, variant.sourceId).changes === 0) continue;
        const at = variant.at.toISOString();
        upsert.run(variant.faq, variant.locale, variant.text, source, at, at);
        added++;
      }
      return added;
    },
  );
  const toSuggestion = (row: Row): Suggestion => ({
    id: row.id,
    faq: row.faq,
    locale: row.locale,
    text: row.text,
    source: row.source,
    status: row.status,
    seen: row.seen,
    firstSeen: new Date(row.first_seen),
    lastSeen: new Date(row.last_seen),
  });
  return gateAll<SuggestionStore>(db, {
    record: async (variants, source) => record(variants, source),
    list: async (status) =>
      (selectAll.all() as Row[])
        .filter((row) => status === undefined || row.status === status)
        .map(toSuggestion),
    get: async (id) => {
      const row = selectOne.get(id) as Row | undefined;
      return row ? toSuggestion(row) : null;
    },
    setStatus: async (id, status) => void updateStatus.run(status, id),
  });
}
