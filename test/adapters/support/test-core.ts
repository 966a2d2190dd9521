/**
 * The core as the adapter tests see it: an AdapterContext whose routes are served on `url`,
 * plus ways to look into what the core stored.
 */
import type { AdapterContext } from '../../../src/core/channel';
import type { Reply } from '../../../src/core/message';
import type { TestLogger } from './test-logger';

export interface ProbeMessage {
  readonly text: string;
  readonly choiceId?: string;
  readonly localeHint?: string;
}

export interface TestCore {
  readonly context: AdapterContext;
  /** Where `context.routes` are served. */
  readonly url: string;
  readonly logger: TestLogger;
  /** Incoming messages the core recorded for `channel`. */
  storedIncoming(channel: string): number;
  /** The texts of the incoming messages the core recorded for `channel`, in order. */
  storedTexts(channel: string): string[];
  /** Conversation references stored for `channel`. */
  storedReferences(channel: string): number;
  /**
   * What the core answers to the last of these messages, sent in order in a fresh conversation
   * of another channel (so the conversation under test is untouched).
   */
  expectedReplies(...messages: ProbeMessage[]): Promise<Reply[]>;
  /** Closes the app and opens it again on the same database, like a process restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export { startRealCore as startTestCore } from './real-core';
