/** ConversationStore and ReferenceStore on SQLite. */
import type { ConversationReference, ReferenceStore } from '../../core/channel';
import type { IncomingMessage, Locale, Reply } from '../../core/message';
import {
  emptyState,
  type ConversationKey,
  type ConversationState,
  type ConversationStore,
  type StoredReply,
  type TranscriptEntry,
} from '../../core/ports';
import { atomicAlone, gated, gateFor } from './gate';
import type { SqliteDatabase } from './open-database';

interface MessageRow {
  direction: 'in' | 'out';
  message_id: string | null;
  text: string;
  locale: string | null;
  intent: string | null;
  faq: string | null;
  confidence: number | null;
  kind: string | null;
  at: string;
}

export function createSqliteConversationStore(
  db: SqliteDatabase,
): ConversationStore & ReferenceStore {
  const ensureConversation = db.prepare(
    `INSERT INTO conversations (channel, conversation_id, user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel, conversation_id) DO NOTHING`,
  );
  const insertIncoming = db.prepare(
    `INSERT INTO messages (channel, conversation_id, direction, message_id, text, locale, at)
     VALUES (?, ?, 'in', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const insertOutgoing = db.prepare(
    `INSERT INTO messages (channel, conversation_id, direction, text, locale, intent, faq, confidence, kind, reply_json, at)
     VALUES (?, ?, 'out', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectState = db.prepare(
    'SELECT state_json FROM conversations WHERE channel = ? AND conversation_id = ?',
  );
  const upsertState = db.prepare(
    `INSERT INTO conversations (channel, conversation_id, locale, state_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (channel, conversation_id) DO UPDATE SET locale = excluded.locale, state_json = excluded.state_json, updated_at = excluded.updated_at`,
  );
  const selectTranscript = db.prepare(
    `SELECT direction, message_id, text, locale, intent, faq, confidence, kind, at FROM messages
     WHERE channel = ? AND conversation_id = ? ORDER BY id DESC LIMIT ?`,
  );
  const selectRepliesAfter = db.prepare(
    `SELECT id, reply_json, at FROM messages
     WHERE channel = ? AND conversation_id = ? AND direction = 'out' AND id > ? AND reply_json IS NOT NULL ORDER BY id LIMIT 100`,
  );
  // Walks the conversation's index backwards to the first stored reply; max(id) with these
  // conditions would read every message of the conversation on every web chat post.
  const selectLatestReplyId = db.prepare(
    `SELECT id FROM messages WHERE channel = ? AND conversation_id = ? AND direction = 'out' AND reply_json IS NOT NULL
     ORDER BY id DESC LIMIT 1`,
  );
  const upsertReference = db.prepare(
    `INSERT INTO conversation_refs (channel, conversation_id, reference_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (channel, conversation_id) DO UPDATE SET reference_json = excluded.reference_json, updated_at = excluded.updated_at`,
  );
  const selectReference = db.prepare(
    'SELECT reference_json FROM conversation_refs WHERE channel = ? AND conversation_id = ?',
  );

  const recordIncoming = atomicAlone(
    db,
    (key: ConversationKey, message: IncomingMessage, locale: Locale | null): boolean => {
      const at = message.receivedAt.toISOString();
      ensureConversation.run(key.channel, key.conversationId, message.userId, at, at);
      const text = message.choiceId ? `${message.text} [${message.choiceId}]` : message.text;
      return (
        insertIncoming.run(key.channel, key.conversationId, message.messageId, text, locale, at)
          .changes === 1
      );
    },
  );
  const recordReplies = atomicAlone(
    db,
    (key: ConversationKey, replies: readonly Reply[], at: Date): StoredReply[] => {
      const stored: StoredReply[] = [];
      for (const reply of replies) {
        const { lastInsertRowid } = insertOutgoing.run(
          key.channel,
          key.conversationId,
          reply.text,
          reply.locale,
          reply.intent,
          reply.faq,
          reply.confidence,
          reply.kind,
          JSON.stringify(reply),
          at.toISOString(),
        );
        stored.push({ id: Number(lastInsertRowid), reply, at });
      }
      return stored;
    },
  );

  const selectIncomingId = db.prepare(
    "SELECT id FROM messages WHERE channel = ? AND conversation_id = ? AND message_id = ? AND direction = 'in'",
  );
  const selectTurnReplies = db.prepare(
    `SELECT reply_json FROM messages WHERE channel = ? AND conversation_id = ? AND direction = 'out' AND id > ?
       AND id < coalesce((SELECT min(id) FROM messages WHERE channel = ? AND conversation_id = ? AND direction = 'in' AND id > ?), 9223372036854775807)
       AND reply_json IS NOT NULL ORDER BY id`,
  );
  const gate = gateFor(db);
  const store = gated<Omit<ConversationStore, 'commitTurn'> & ReferenceStore>(db, {
    repliesTo(key, messageId) {
      const row = selectIncomingId.get(key.channel, key.conversationId, messageId) as
        { id: number } | undefined;
      if (row === undefined) return [];
      const rows = selectTurnReplies.all(
        key.channel,
        key.conversationId,
        row.id,
        key.channel,
        key.conversationId,
        row.id,
      ) as { reply_json: string }[];
      return rows.map((line) => JSON.parse(line.reply_json) as Reply);
    },
    recordIncoming,
    recordReplies,
    loadState(key) {
      const row = selectState.get(key.channel, key.conversationId) as
        { state_json: string | null } | undefined;
      if (!row?.state_json) return emptyState();
      return { ...emptyState(), ...(JSON.parse(row.state_json) as Partial<ConversationState>) };
    },
    saveState(key, state, at) {
      const iso = at.toISOString();
      upsertState.run(
        key.channel,
        key.conversationId,
        state.locale,
        JSON.stringify(state),
        iso,
        iso,
      );
    },
    transcript(key, limit = 50): TranscriptEntry[] {
      const rows = selectTranscript.all(key.channel, key.conversationId, limit) as MessageRow[];
      return rows.reverse().map((row) => ({
        direction: row.direction,
        messageId: row.message_id,
        text: row.text,
        locale: row.locale,
        intent: row.intent,
        faq: row.faq,
        confidence: row.confidence,
        kind: row.kind,
        at: new Date(row.at),
      }));
    },
    repliesAfter(key, afterId): StoredReply[] {
      const rows = selectRepliesAfter.all(key.channel, key.conversationId, afterId) as {
        id: number;
        reply_json: string;
        at: string;
      }[];
      return rows.map((row) => ({
        id: row.id,
        reply: JSON.parse(row.reply_json) as Reply,
        at: new Date(row.at),
      }));
    },
    latestReplyId(key) {
      const row = selectLatestReplyId.get(key.channel, key.conversationId) as
        { id: number } | undefined;
      return row?.id ?? 0;
    },
    saveReference(channel, conversationId, reference: ConversationReference) {
      upsertReference.run(
        channel,
        conversationId,
        JSON.stringify(reference),
        new Date().toISOString(),
      );
    },
    loadReference(channel, conversationId) {
      const row = selectReference.get(channel, conversationId) as
        { reference_json: string } | undefined;
      return row ? (JSON.parse(row.reference_json) as ConversationReference) : null;
    },
  });
  return { ...store, commitTurn: (work) => gate.atomically(work) };
}
