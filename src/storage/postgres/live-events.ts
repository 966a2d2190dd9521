/**
 * Live events across replicas with LISTEN/NOTIFY: a replica that stores a reply for a
 * conversation announces it, and every replica with that conversation's web chat stream open
 * wakes it, whichever replica the customer is connected to. The payload names the conversation
 * only (never customer text); the stream reads the reply from the database as it does today.
 */
import pg from 'pg';
import type { ConversationKey } from '../../core/ports';
import type { Queryable } from './async-port';

export const LIVE_CHANNEL = 'aftercare_replies';

export interface LiveEvents {
  /** Announces that `key` has new replies (in the caller's transaction when `db` is one). */
  publish(db: Queryable, key: ConversationKey): Promise<void>;
  /** Calls `listener` for every announcement, from any replica; returns the unsubscribe. */
  subscribe(listener: (key: ConversationKey) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createLiveEvents(url: string): LiveEvents {
  const listeners = new Set<(key: ConversationKey) => void>();
  let client: pg.Client | null = null;
  return {
    async publish(db, key) {
      await db.query('SELECT pg_notify($1, $2)', [
        LIVE_CHANNEL,
        JSON.stringify([key.channel, key.conversationId]),
      ]);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (client) return;
      const connection = new pg.Client({
        connectionString: url,
        application_name: 'aftercare live events',
      });
      connection.on('error', () => undefined);
      connection.on('notification', (message) => {
        if (message.channel !== LIVE_CHANNEL || !message.payload) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(message.payload);
        } catch {
          return;
        }
        if (!Array.isArray(parsed) || parsed.length !== 2) return;
        const [channel, conversationId] = parsed as unknown[];
        if (typeof channel !== 'string' || typeof conversationId !== 'string') return;
        for (const listener of listeners) listener({ channel, conversationId });
      });
      await connection.connect();
      await connection.query(`LISTEN ${LIVE_CHANNEL}`);
      client = connection;
    },
    async stop() {
      const connection = client;
      client = null;
      await connection?.end().catch(() => undefined);
    },
  };
}
