/**
 * A ticket: one hand-off of one customer conversation to people, from the moment the bot lets
 * go until it is resolved (and perhaps reopened), with everything said on the way.
 */
import type { ConversationReference } from '../channel';
import type { HandoffReason, Locale } from '../message';
import type { ConversationKey } from '../ports';

export type TicketStatus = 'open' | 'claimed' | 'resolved';

export const ticketStatuses: readonly TicketStatus[] = ['open', 'claimed', 'resolved'];

/** Who said a line of the ticket's transcript. `note` is staff talk the customer never sees. */
export type TicketAuthor = 'customer' | 'bot' | 'staff' | 'note' | 'system';

export interface Ticket {
  readonly id: string;
  /** The customer's conversation: where relayed staff replies go. */
  readonly customer: ConversationKey;
  readonly userId: string;
  /** What the customer's adapter stored to reach the conversation later, if anything. */
  readonly reference: ConversationReference | null;
  /** The customer's language; the relay does not translate. */
  readonly locale: Locale;
  /** `sr` only: the script the customer writes in, for the texts the bot sends them. */
  readonly script: 'cyrillic' | 'latin' | null;
  readonly reason: HandoffReason;
  readonly status: TicketStatus;
  /** Staff member who claimed it (display name), or null. */
  readonly assignee: string | null;
  /** A repair ticket gets the "is everything working?" follow-up after it is resolved. */
  readonly repair: boolean;
  /** Where staff see it (`slack`, `teams`) and the thread there, once posted. Null: no staff channel. */
  readonly staff: { readonly target: string; readonly threadId: string | null } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly claimedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly satisfaction: Satisfaction;
  readonly followUp: FollowUp;
}

export interface Satisfaction {
  /** 1–5, or null while not rated. */
  readonly score: number | null;
  readonly comment: string | null;
  /** Until when the customer's next message is taken as the comment. */
  readonly commentUntil: Date | null;
}

export interface FollowUp {
  /** When the "is everything working?" message is due; null when none is planned. */
  readonly dueAt: Date | null;
  /** When it was handed to the outbox; set once, so it is never sent twice. */
  readonly sentAt: Date | null;
  /** The customer's answer: `ok` or `problem`. */
  readonly answer: 'ok' | 'problem' | null;
}

export interface TicketMessage {
  readonly id: number;
  readonly ticketId: string;
  readonly author: TicketAuthor;
  readonly authorName: string | null;
  readonly text: string;
  readonly at: Date;
}

/**
 * Channels whose conversations are tests, not customers: `aftercare ask` and `aftercare chat`
 * talk on `cli`. Their tickets are marked as tests in the staff channel and the queue.
 */
export const testChannels: readonly string[] = ['cli'];

export const isTestTicket = (ticket: Pick<Ticket, 'customer'>): boolean =>
  testChannels.includes(ticket.customer.channel);

/** Human words for a hand-off reason, for the staff summary. */
export const reasonLabels: Readonly<Record<HandoffReason, string>> = {
  requested: 'customer asked for a person',
  'low-confidence': 'the bot was not sure, even after asking',
  'repeated-fallback': 'the bot did not understand, twice in a row',
  'negative-sentiment': 'the customer is upset',
  'always-human-topic': 'a topic that always goes to a person',
  complaint: 'complaint',
  'unsupported-language': 'a language the bot does not speak',
  safety: 'a safety symptom (smoke, burning, gas, sparks): call the customer at once',
};
