/**
 * What the core needs from the outside world, described by the core. Storage backends,
 * clocks and loggers are passed in by the composition root (src/app.ts).
 */
import type { IncomingMessage, Locale, Reply } from './message';

/** Time is injected so that warranty expiry, follow-ups and timeouts can be tested. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Structured log fields: ids, intents, scores, timings. Never tokens; customer text only at debug. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
  child(fields: LogFields): Logger;
}

/** A dialog step waiting for the user's next message. */
export type PendingDialog =
  | { readonly kind: 'clarify'; readonly choices: readonly string[]; readonly attempts: number }
  | { readonly kind: 'warranty-serial'; readonly attempts: number; readonly category?: string }
  | CasePending;

/**
 * A fault report, repair booking or return in progress (src/core/cases): which step waits for the
 * customer and what is known so far. Plain JSON, saved with the conversation.
 */
export interface CasePending {
  readonly kind: 'case';
  readonly flow: 'repair' | 'return' | 'exchange';
  readonly step: 'product' | 'self-help' | 'unit' | 'city' | 'slot' | 'condition';
  readonly attempts: number;
  /** `category/symptom` of a repair. */
  readonly symptom?: string;
  /** `category/symptom` choices while the product is asked. */
  readonly choices?: readonly string[];
  /** A serial or order number the customer already gave. */
  readonly number?: string;
  readonly serial?: string;
  readonly branch?: string;
  readonly mode?: 'carry-in' | 'on-site';
  /** What the customer was told it costs, for the case summary. */
  readonly cost?: string;
}

/** What the core remembers about one conversation between turns. */
export interface ConversationState {
  locale: Locale | null;
  /** For Serbian: the script the customer writes in, so answers come back in it. */
  script: 'cyrillic' | 'latin' | null;
  pending: PendingDialog | null;
  /** Consecutive turns that ended without a confident answer. */
  fallbacks: number;
  /** While a person owns the conversation, the bot stays silent. */
  handoffActive: boolean;
}

export const emptyState = (): ConversationState => ({
  locale: null,
  script: null,
  pending: null,
  fallbacks: 0,
  handoffActive: false,
});

export interface ConversationKey {
  readonly channel: string;
  readonly conversationId: string;
}

/** One line of the transcript. For bot lines, the match behind the reply. */
export interface TranscriptEntry {
  readonly direction: 'in' | 'out';
  readonly messageId: string | null;
  readonly text: string;
  readonly locale: Locale | null;
  readonly intent: string | null;
  readonly faq: string | null;
  readonly confidence: number | null;
  readonly kind: string | null;
  readonly at: Date;
}

/**
 * The storage port for conversations. SQLite implements it (src/storage/sqlite); a shared
 * database for several replicas implements the same interface and passes the same contract suite
 * (test/storage/conversation-store.contract.ts).
 */
export interface ConversationStore {
  /** Records the incoming message; false when this channel already saw the message id. */
  recordIncoming(
    key: ConversationKey,
    message: IncomingMessage,
    locale: Locale | null,
  ): Promise<boolean>;
  /** Stores a turn's replies, in order; resolves to them as stored (their transcript row ids). */
  recordReplies(key: ConversationKey, replies: readonly Reply[], at: Date): Promise<StoredReply[]>;
  loadState(key: ConversationKey): Promise<ConversationState>;
  saveState(key: ConversationKey, state: ConversationState, at: Date): Promise<void>;
  transcript(key: ConversationKey, limit?: number): Promise<TranscriptEntry[]>;
  /** Replies stored for a conversation after transcript row `afterId`, oldest first (for polling channels). */
  repliesAfter(key: ConversationKey, afterId: number): Promise<StoredReply[]>;
  /** The id of the newest stored reply of a conversation (0 when none): a polling channel's cursor. */
  latestReplyId(key: ConversationKey): Promise<number>;
  /**
   * The replies stored for an incoming message (the rows written after it in its turn), oldest
   * first; empty when the message is unknown. A redelivered message is answered from these.
   */
  repliesTo(key: ConversationKey, messageId: string): Promise<Reply[]>;
  /**
   * Runs one turn in one transaction: the incoming message, the state, the replies and their
   * outbox jobs (every store on the same database joins it) are committed together, or none is.
   * The work awaits only store calls and the core's own computation, never the network.
   */
  commitTurn<T>(work: () => Promise<T>): Promise<T>;
}

export interface StoredReply {
  readonly id: number;
  readonly reply: Reply;
  readonly at: Date;
}
