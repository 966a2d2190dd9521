/**
 * The port to the people behind the bot. The core decides *when* to hand off; a desk decides
 * *where* the ticket goes (a Slack or Teams channel, or a queue read with `aftercare tickets`).
 */
import type { Locale, HandoffReason } from '../message';
import type { ConversationKey } from '../ports';

export interface HandoffRequest {
  readonly key: ConversationKey;
  readonly userId: string;
  readonly locale: Locale;
  readonly reason: HandoffReason;
  readonly at: Date;
}

export interface HandoffOpened {
  readonly ticketId: string | null;
  /** True when a person will read the ticket now; false outside business hours or with no staff channel. */
  readonly staffAvailable: boolean;
  /** The conversation now belongs to a person: the bot relays instead of answering. */
  readonly relaying: boolean;
}

export interface HandoffDesk {
  open(request: HandoffRequest): Promise<HandoffOpened>;
  /** A customer's message while a person owns the conversation. */
  relayFromCustomer(key: ConversationKey, text: string, at: Date): Promise<void>;
}

/** With no desk configured: nobody relays; the customer is given a phone number instead. */
export const noDesk: HandoffDesk = {
  open: () => Promise.resolve({ ticketId: null, staffAvailable: false, relaying: false }),
  relayFromCustomer: () => Promise.resolve(),
};
