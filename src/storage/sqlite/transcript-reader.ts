/** Reads stored transcripts in bulk, oldest first per conversation, for reports such as `aftercare gaps`. */
import type { TranscriptLine, TranscriptFilter } from '../../gaps/transcript-line';
import type { SqliteDatabase } from './open-database';

interface Row {
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
  at: string;
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
    `SELECT id, channel, conversation_id, direction, text, locale, intent, faq, confidence, kind, reply_json, at
     FROM messages ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY channel, conversation_id, id`,
  );
  for (const row of statement.iterate(...params) as Iterable<Row>) {
    const reply = row.reply_json
      ? (JSON.parse(row.reply_json) as { handoffReason?: string })
      : null;
    yield {
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
