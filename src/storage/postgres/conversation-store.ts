/**
 * ConversationStore and ReferenceStore on PostgreSQL (tables of migration 001), the same rows and
 * meaning as the SQLite backend (src/storage/sqlite/conversation-store.ts). The unique index on
 * incoming message ids makes a redelivery to any replica a duplicate.
 */
import type { ConversationReference, ReferenceStore } from '../../core/channel';
import type { Reply } from '../../core/message';
import {
  emptyState,
  type ConversationState,
  type ConversationKey,
  type ConversationStore,
  type StoredReply,
  type TranscriptEntry,
} from '../../core/ports';
import { AsyncLocalStorage } from 'node:async_hooks';
import { inTransaction, on, type PostgresPool } from './pool';

/** Advisory-lock class 3 is "a turn of this conversation runs" (1: replica alive, 2: leader). */
export const TURN_LOCK_CLASS = 0x61667403;

interface MessageRow extends Record<string, unknown> {
  direction: 'in' | 'out';
  message_id: string | null;
  text: string;
  locale: string | null;
  intent: string | null;
  faq: string | null;
  confidence: number | null;
  kind: string | null;
  at: Date;
}

export function createPostgresConversationStore(
  pool: PostgresPool,
): ConversationStore & ReferenceStore {
  // Inside commitTurn: the conversations whose turn lock this transaction holds.
  const turn = new AsyncLocalStorage<Set<string>>();
  /**
   * Turns of one conversation run one at a time across replicas: a turn's first read of the
   * state waits for the transaction-scoped lock of its conversation, so the next message's turn
   * starts from the state the previous one committed, and their replies are in order.
   */
  const lockTurn = async (key: ConversationKey): Promise<void> => {
    const held = turn.getStore();
    const name = `${key.channel}:${key.conversationId}`;
    if (held === undefined || held.has(name)) return;
    await on(pool).query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [TURN_LOCK_CLASS, name]);
    held.add(name);
  };
  return {
    async recordIncoming(key, message, locale) {
      return inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO conversations (channel, conversation_id, user_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (channel, conversation_id) DO NOTHING`,
          [key.channel, key.conversationId, message.userId, message.receivedAt],
        );
        const text = message.choiceId ? `${message.text} [${message.choiceId}]` : message.text;
        const inserted = await client.query(
          `INSERT INTO messages (channel, conversation_id, direction, message_id, text, locale, at)
           VALUES ($1, $2, 'in', $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [key.channel, key.conversationId, message.messageId, text, locale, message.receivedAt],
        );
        return inserted.rowCount === 1;
      });
    },
    async recordReplies(key, replies, at) {
      if (replies.length === 0) return [];
      return inTransaction(pool, async (client) => {
        const stored: StoredReply[] = [];
        for (const reply of replies) {
          const { rows } = await client.query<{ id: string }>(
            `INSERT INTO messages (channel, conversation_id, direction, text, locale, intent, faq, confidence, kind, reply_json, at)
             VALUES ($1, $2, 'out', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
            [
              key.channel,
              key.conversationId,
              reply.text,
              reply.locale,
              reply.intent,
              reply.faq,
              reply.confidence,
              reply.kind,
              JSON.stringify(reply),
              at,
            ],
          );
          stored.push({ id: Number(rows[0]?.id), reply, at });
        }
        return stored;
      });
    },
    async loadState(key) {
      await lockTurn(key);
      const { rows } = await on(pool).query<{ state_json: string | null }>(
        'SELECT state_json FROM conversations WHERE channel = $1 AND conversation_id = $2',
        [key.channel, key.conversationId],
      );
      const json = rows[0]?.state_json;
      if (!json) return emptyState();
      return { ...emptyState(), ...(JSON.parse(json) as Partial<ConversationState>) };
    },
    async saveState(key, state, at) {
      await on(pool).query(
        `INSERT INTO conversations (channel, conversation_id, locale, state_json, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (channel, conversation_id) DO UPDATE SET locale = excluded.locale, state_json = excluded.state_json, updated_at = excluded.updated_at`,
        [key.channel, key.conversationId, state.locale, JSON.stringify(state), at],
      );
    },
    async transcript(key, limit = 50): Promise<TranscriptEntry[]> {
      const { rows } = await on(pool).query<MessageRow>(
        `SELECT direction, message_id, text, locale, intent, faq, confidence, kind, at FROM messages
         WHERE channel = $1 AND conversation_id = $2 ORDER BY id DESC LIMIT $3`,
        [key.channel, key.conversationId, limit],
      );
      return rows.reverse().map((row) => ({
        direction: row.direction,
        messageId: row.message_id,
        text: row.text,
        locale: row.locale,
        intent: row.intent,
        faq: row.faq,
        confidence: row.confidence,
        kind: row.kind,
        at: row.at,
      }));
    },
    async repliesAfter(key, afterId) {
      const { rows } = await on(pool).query<{ id: number; reply_json: string; at: Date }>(
        `SELECT id, reply_json, at FROM messages
         WHERE channel = $1 AND conversation_id = $2 AND direction = 'out' AND id > $3 AND reply_json IS NOT NULL
         ORDER BY id LIMIT 100`,
        [key.channel, key.conversationId, afterId],
      );
      return rows.map((row) => ({
        id: row.id,
        reply: JSON.parse(row.reply_json) as Reply,
        at: row.at,
      }));
    },
    async repliesTo(key, messageId) {
      const { rows } = await on(pool).query<{ reply_json: string }>(
        `SELECT o.reply_json FROM messages i JOIN messages o
           ON o.channel = i.channel AND o.conversation_id = i.conversation_id AND o.direction = 'out' AND o.id > i.id
         WHERE i.channel = $1 AND i.conversation_id = $2 AND i.message_id = $3 AND i.direction = 'in'
           AND o.reply_json IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM messages n WHERE n.channel = i.channel AND n.conversation_id = i.conversation_id
                             AND n.direction = 'in' AND n.id > i.id AND n.id < o.id)
         ORDER BY o.id`,
        [key.channel, key.conversationId, messageId],
      );
      return rows.map((row) => JSON.parse(row.reply_json) as Reply);
    },
    commitTurn: (work) => inTransaction(pool, () => turn.run(new Set(), work)),
    async latestReplyId(key) {
      const { rows } = await on(pool).query<{ id: number | null }>(
        `SELECT max(id) AS id FROM messages WHERE channel = $1 AND conversation_id = $2 AND direction = 'out' AND reply_json IS NOT NULL`,
        [key.channel, key.conversationId],
      );
      return rows[0]?.id ?? 0;
    },
    async saveReference(channel, conversationId, reference: ConversationReference) {
      await on(pool).query(
        `INSERT INTO conversation_refs (channel, conversation_id, reference_json, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (channel, conversation_id) DO UPDATE SET reference_json = excluded.reference_json, updated_at = excluded.updated_at`,
        [channel, conversationId, JSON.stringify(reference)],
      );
    },
    async loadReference(channel, conversationId) {
      const { rows } = await on(pool).query<{ reference_json: string }>(
        'SELECT reference_json FROM conversation_refs WHERE channel = $1 AND conversation_id = $2',
        [channel, conversationId],
      );
      return rows[0] ? (JSON.parse(rows[0].reference_json) as ConversationReference) : null;
    },
  };
}
