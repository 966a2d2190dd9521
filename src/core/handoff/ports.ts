/**
 * What the ticket desk needs from storage, described by the core. SQLite implements it
 * (src/storage/sqlite/ticket-store.ts) on the same database file as the conversations, so a
 * ticket change, the conversation's state and the messages to send (the OutboxStore on the same
 * database joins `atomically`) commit together.
 */
import type { ConversationReference } from '../channel';
import type { HandoffReason, Locale, Reply } from '../message';
import type { ConversationKey } from '../ports';
import type { Ticket, TicketAuthor, TicketMessage, TicketStatus } from './ticket';

export interface NewTicket {
  readonly customer: ConversationKey;
  readonly userId: string;
  readonly reference: ConversationReference | null;
  readonly locale: Locale;
  readonly script: 'cyrillic' | 'latin' | null;
  readonly reason: HandoffReason;
  readonly repair: boolean;
  /** `slack`, `teams`, or null with no staff channel. */
  readonly staffTarget: string | null;
  readonly at: Date;
}

/** Fields a desk action changes; absent fields stay as they are. */
export interface TicketChange {
  readonly status?: TicketStatus;
  readonly assignee?: string | null;
  readonly repair?: boolean;
  readonly threadId?: string;
  readonly claimedAt?: Date | null;
  readonly resolvedAt?: Date | null;
  readonly satisfactionScore?: number | null;
  readonly satisfactionComment?: string | null;
  readonly commentUntil?: Date | null;
  readonly followUpDueAt?: Date | null;
  readonly followUpSentAt?: Date | null;
  readonly followUpAnswer?: 'ok' | 'problem' | null;
}

export interface NewTicketMessage {
  readonly author: TicketAuthor;
  readonly authorName?: string | null;
  readonly text: string;
  /** The platform's id for the message: a redelivery with the same id is recorded once. */
  readonly sourceId?: string | null;
  readonly at: Date;
}

/**
 * Something to send, kept until it is sent: replies to the customer, or a post in the staff
 * thread. The desk queues it in the `handoff` queue of the OutboxStore (relay-outbox.ts).
 */
export type OutboxJob =
  | { readonly kind: 'customer'; readonly replies: readonly Reply[] }
  | { readonly kind: 'staff-post' }
  | { readonly kind: 'staff-update' }
  | { readonly kind: 'staff-line'; readonly line: StaffLineJob };

export interface StaffLineJob {
  readonly kind: 'customer' | 'event' | 'warning';
  readonly text: string;
}

export interface TicketListFilter {
  readonly status?: TicketStatus;
  readonly limit?: number;
}

export interface TicketStore {
  /**
   * Runs `work` in one transaction; nested calls join the outer one. The work awaits only store
   * calls (never the network): other callers wait until it has committed or rolled back.
   */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  create(ticket: NewTicket): Promise<Ticket>;
  get(id: string): Promise<Ticket | null>;
  /** The open or claimed ticket of a conversation (there is at most one). */
  activeFor(key: ConversationKey): Promise<Ticket | null>;
  /** The most recent ticket of a conversation, whatever its status. */
  latestFor(key: ConversationKey): Promise<Ticket | null>;
  byThread(target: string, threadId: string): Promise<Ticket | null>;
  /** Newest first. */
  list(filter?: TicketListFilter): Promise<Ticket[]>;
  update(id: string, change: TicketChange, at: Date): Promise<Ticket>;
  /** False when a message with the same `sourceId` was already recorded for this ticket. */
  addMessage(ticketId: string, message: NewTicketMessage): Promise<boolean>;
  /** Oldest first; the last `limit` when given. */
  messages(ticketId: string, limit?: number): Promise<TicketMessage[]>;
  /** Resolved tickets whose follow-up is due and not yet sent, oldest first. */
  dueFollowUps(now: Date, limit: number): Promise<Ticket[]>;
  /** Marks a ticket's follow-up as sent; false when it already was (another tick, another process). */
  claimFollowUp(id: string, at: Date): Promise<boolean>;
}
