/** Reads stored transcripts in bulk, oldest first per conversation, for reports such as `aftercare gaps`. */
import type {
  TranscriptFilter,
  TranscriptLine,
  TranscriptReader,
} from '../../gaps/transcript-line';
import type { SqliteDatabase } from './open-database';

/** A messages row as both backends read it (`at`: the stored ISO text, or a Date). */
export interface TranscriptRow {
  id: number;
  channel: string;
  conversation_id: string;
  direction: 'in' | 'out';
  text: string;
  locale: string | null;
  intent: string | null;
  faq: string | null;
  confidence: number | null;
  kind: string | null;
  reply_json: string | null;
  at: string | Date;
}

export const transcriptColumns =
  'id, channel, conversation_id, direction, text, locale, intent, faq, confidence, kind, reply_json, at';

export function toTranscriptLine(row: TranscriptRow): TranscriptLine {
  const reply = row.reply_json ? (JSON.parse(row.reply_json) as { handoffReason?: string }) : null;
  return {
    id: row.id,
    channel: row.channel,
    conversationId: row.conversation_id,
    direction: row.direction,
    text: row.text,
    locale: row.locale,
    intent: row.intent,
    faq: row.faq,
    confidence: row.confidence,
    kind: row.kind,
    handoffReason: reply?.handoffReason ?? null,
    at: new Date(row.at),
  };
}

export interface TranscriptReaderOptions {
  /** Conversations read per query (default 200): memory stays bounded on a large database. */
  readonly conversationsPerRead?: number;
}

/**
 * The TranscriptReader port on SQLite. It reads a batch of conversations per query rather than
 * holding one statement open across awaits, so that the app's turns can write meanwhile.
 */
export function createSqliteTranscriptReader(
  db: SqliteDatabase,
  options: TranscriptReaderOptions = {},
): TranscriptReader {
  const perRead = options.conversationsPerRead ?? 200;
  const conversations = db.prepare(
    `SELECT DISTINCT channel, conversation_id FROM messages
     WHERE (? IS NULL OR at >= ?) AND (? IS NULL OR channel = ?)
     ORDER BY channel, conversation_id`,
  );
  return {
    async *lines(filter = {}) {
      const since = filter.since?.toISOString() ?? null;
      const channel = filter.channel ?? null;
      const keys = conversations.all(since, since, channel, channel) as {
        channel: string;
        conversation_id: string;
      }[];
      for (let start = 0; start < keys.length; start += perRead) {
        const batch = keys.slice(start, start + perRead);
        const rows = db
          .prepare(
            `SELECT ${transcriptColumns} FROM messages
             WHERE (channel, conversation_id) IN (VALUES ${batch.map(() => '(?, ?)').join(', ')})
               AND (? IS NULL OR at >= ?)
             ORDER BY channel, conversation_id, id`,
          )
          .all(
            ...batch.flatMap((key) => [key.channel, key.conversation_id]),
            since,
            since,
          ) as TranscriptRow[];
        for (const row of rows) yield toTranscriptLine(row);
      }
    },
    async count(filter = {}) {
      return countTranscriptLines(db, filter);
    },
  };
}

/** Every transcript line matching the filter, grouped by conversation (then in the order stored). */
export function* readTranscriptLines(
  db: SqliteDatabase,
  filter: TranscriptFilter = {},
): Generator<TranscriptLine> {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.since) {
    where.push('at >= ?');
    params.push(filter.since.toISOString());
  }
  if (filter.channel) {
    where.push('channel = ?');
    params.push(filter.channel);
  }
  const statement = db.prepare(
    `SELECT ${transcriptColumns}
     FROM messages ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY channel, conversation_id, id`,
  );
  for (const row of statement.iterate(...params) as Iterable<TranscriptRow>)
    yield toTranscriptLine(row);
}

/** How many lines match, so a long report can show its progress. */
export function countTranscriptLines(db: SqliteDatabase, filter: TranscriptFilter = {}): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM messages WHERE (? IS NULL OR at >= ?) AND (? IS NULL OR channel = ?)`,
    )
    .get(
      filter.since?.toISOString() ?? null,
      filter.since?.toISOString() ?? null,
      filter.channel ?? null,
      filter.channel ?? null,
    ) as { n: number };
  return row.n;
}
