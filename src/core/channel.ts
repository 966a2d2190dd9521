/**
 * The port every channel adapter implements, and what the composition root gives it.
 * An adapter only translates: platform event -> IncomingMessage, Reply -> platform call.
 * All decisions stay in the core.
 */
import type { IncomingMessage, Reply } from './message';
import type { OutboxStore } from './outbox-store';
import type { Logger, StoredReply } from './ports';

/** The core as an adapter sees it: one message in, replies out. */
export type HandleMessage = (message: IncomingMessage, delivery?: TurnDelivery) => Promise<Reply[]>;

/**
 * How a channel that sends from the outbox gets a turn's replies out (docs/channels.md, "Exactly
 * once"). `commit` is called inside the turn's transaction with the replies to send and writes
 * their outbox jobs (through the OutboxStore, which joins the transaction); the adapter sends
 * them after the turn returns. A redelivered message that was already committed is not processed
 * again: `commit` is not called and the turn returns no replies (its jobs, if still pending, are
 * in the outbox). Without a delivery (the web chat and voice, whose answer is the HTTP response)
 * a redelivered message returns the replies stored for it.
 */
export interface TurnDelivery {
  /**
   * `stored` is the replies as the turn stored them (with their transcript ids); it is missing
   * when the turn failed and `replies` is the apology, which is not stored with a turn.
   */
  commit(replies: readonly Reply[], stored?: readonly StoredReply[]): Promise<void>;
  /**
   * For a channel whose answer is the response but which also commits jobs with the turn (voice:
   * the TwiML, and the SMS a voiceless language gets instead) or reads what the turn stored (the
   * web chat: the reply ids of its response): a redelivered message returns the replies stored
   * for it, as without a delivery, and `commit` is still not called.
   */
  readonly answersRedeliveries?: boolean;
}

/**
 * Whatever an adapter needs to reach a conversation later (a Teams ConversationReference, a
 * Telegram chat id, a Slack channel + thread). Stored as JSON by the core, opaque to it.
 */
export type ConversationReference = Record<string, unknown>;

export interface ReferenceStore {
  saveReference(
    channel: string,
    conversationId: string,
    reference: ConversationReference,
  ): Promise<void>;
  loadReference(channel: string, conversationId: string): Promise<ConversationReference | null>;
}

/** Node's own request/response: adapters mount their webhooks on the bot's HTTP server. */
export type HttpHandler = (
  request: import('node:http').IncomingMessage,
  response: import('node:http').ServerResponse,
) => void;

export interface HttpRoutes {
  /** Registers `handler` for `method` + exact `path` (e.g. POST /api/messages). */
  add(method: 'GET' | 'POST' | 'OPTIONS', path: string, handler: HttpHandler): void;
}

export interface AdapterContext {
  readonly handle: HandleMessage;
  readonly logger: Logger;
  readonly references: ReferenceStore;
  readonly routes: HttpRoutes;
  /** The largest request body a webhook reads (`server.maxBodyBytes`); past it the answer is 413. */
  readonly maxBodyBytes: number;
  /**
   * Where replies the platform refused wait for a later attempt, across restarts; each adapter
   * uses its channel's name as the queue.
   */
  readonly outbox: OutboxStore;
}

export interface ChannelAdapter {
  /** The `channel` value of the messages this adapter produces. */
  readonly channel: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Sends replies to a conversation the bot has seen before, outside a turn (staff replies,
   * follow-ups). Rejects when the platform finally refuses, after the adapter's own retries.
   */
  deliver(conversationId: string, replies: readonly Reply[]): Promise<void>;
  /**
   * Sends what waits in this channel's outbox and is due, whoever queued it: on a shared database
   * the replica that sweeps (src/replica-roles.ts) calls it for jobs a replica that died left.
   */
  flush?(): Promise<void>;
}
