/**
 * The TranscriptReader port on PostgreSQL, the same lines in the same order as on SQLite
 * (src/storage/sqlite/transcript-reader.ts): conversations in code-point order ("C"), a batch of
 * them per query, each one's lines by id, so memory stays bounded on a large database.
 */
import type { TranscriptReader } from '../../gaps/transcript-line';
import {
  toTranscriptLine,
  transcriptColumns,
  type TranscriptReaderOptions,
  type TranscriptRow,
} from '../sqlite/transcript-reader';
import { on, type PostgresPool } from './pool';

export function createPostgresTranscriptReader(
  pool: PostgresPool,
  options: TranscriptReaderOptions = {},
): TranscriptReader {
  const perRead = options.conversationsPerRead ?? 200;
  return {
    async *lines(filter = {}) {
      const since = filter.since ?? null;
      const { rows: keys } = await on(pool).query<{ channel: string; conversation_id: string }>(
        `SELECT DISTINCT channel COLLATE "C" AS channel, conversation_id COLLATE "C" AS conversation_id
         FROM messages WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::text IS NULL OR channel = $2)
         ORDER BY 1, 2`,
        [since, filter.channel ?? null],
      );
      for (let start = 0; start < keys.length; start += perRead) {
        const batch = keys.slice(start, start + perRead);
        const { rows } = await on(pool).query<TranscriptRow & Record<string, unknown>>(
          `SELECT ${transcriptColumns} FROM messages
           WHERE (channel, conversation_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
             AND ($3::timestamptz IS NULL OR at >= $3)
           ORDER BY channel COLLATE "C", conversation_id COLLATE "C", id`,
          [batch.map((key) => key.channel), batch.map((key) => key.conversation_id), since],
        );
        for (const row of rows) yield toTranscriptLine(row);
      }
    },
    async count(filter = {}) {
      const { rows } = await on(pool).query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages
         WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::text IS NULL OR channel = $2)`,
        [filter.since ?? null, filter.channel ?? null],
      );
      return rows[0]?.n ?? 0;
    },
  };
}
