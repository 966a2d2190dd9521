/**
 * The port to where staff work: a Slack or Teams channel. The core says what to show (a ticket
 * card, a line in its thread); the staff adapter (adapters/slack/staff, adapters/teams/staff)
 * renders it and turns staff actions back into StaffEvents for the desk.
 */
import type { Reply } from '../message';
import type { TicketStatus } from './ticket';

export interface StaffMember {
  /** The platform's user id. */
  readonly id: string;
  /** Display name, shown on the ticket as its assignee. */
  readonly name: string;
}

/** The warranty units of the customer, when the warranty records know them. */
export interface UnitSummary {
  readonly serial: string;
  readonly model: string;
  /** A short status line, e.g. "covered until 2027-03-01". */
  readonly detail: string | null;
}

/** What the ticket message in the staff channel shows. Staff-facing texts are English. */
export interface TicketCard {
  readonly ticketId: string;
  readonly status: TicketStatus;
  readonly assignee: string | null;
  /** Why the bot handed off, in words. */
  readonly reason: string;
  /** The customer's language, e.g. `fa`, with its English and native names. */
  readonly locale: string;
  readonly language: string;
  /** The customer's channel (`telegram`, `webchat`, `teams`). */
  readonly channel: string;
  /** A conversation from the `aftercare` CLI: a test, no customer waits (ticket.ts testChannels). */
  readonly test: boolean;
  readonly repair: boolean;
  /** The last messages before (and during) the hand-off, oldest first. */
  readonly lastMessages: readonly { readonly author: string; readonly text: string }[];
  readonly units: readonly UnitSummary[];
  readonly satisfaction: number | null;
  readonly createdAt: Date;
}

/** A line the desk posts in a ticket's thread. */
export interface StaffLine {
  /** `customer`: what the customer wrote; `event`: claimed, resolved, rated; `warning`: a failure staff must know about. */
  readonly kind: 'customer' | 'event' | 'warning';
  readonly text: string;
}

export interface StaffChannel {
  /** `slack` or `teams`: tickets remember it, so threads are looked up on the right platform. */
  readonly target: string;
  /** Posts a new ticket; resolves to the id of the thread staff reply in. */
  postTicket(card: TicketCard): Promise<string>;
  /** Re-renders a ticket's message after a change (claimed, resolved, reopened). */
  updateTicket(threadId: string, card: TicketCard): Promise<void>;
  postLine(threadId: string, line: StaffLine): Promise<void>;
  /** Posts a message of its own (a service case, src/core/cases); resolves to its thread id. */
  postMessage(reply: Reply): Promise<string>;
  /** Re-renders such a post after a change (a case's new status and buttons). */
  updateMessage(threadId: string, reply: Reply): Promise<void>;
}

/** What staff do, as the staff adapter reports it to the desk. */
export type StaffEvent =
  | {
      readonly kind: 'reply';
      readonly target: string;
      readonly threadId: string;
      /** The platform's message id: a redelivered event is handled once. */
      readonly messageId: string;
      readonly author: StaffMember;
      /** Messages from bots (the bot's own posts included) are never relayed. */
      readonly fromBot: boolean;
      readonly text: string;
    }
  | {
      readonly kind: 'action';
      readonly target: string;
      readonly action: 'claim' | 'resolve';
      readonly ticketId: string;
      readonly author: StaffMember;
    };

/** What the staff adapter should tell the person who acted, if anything (an ephemeral note). */
export type StaffOutcome =
  | { readonly kind: 'relayed' | 'noted' | 'claimed' | 'resolved' | 'marked-repair' | 'ignored' }
  | { readonly kind: 'unknown-ticket' | 'already-resolved' };

/** The desk as the staff adapter sees it. */
export interface StaffInbox {
  /** Records the event and everything it causes before resolving: acknowledge the platform after. */
  receive(event: StaffEvent): Promise<StaffOutcome>;
}

/** The customer's units for the ticket summary; optional, wired only when the warranty records exist. */
export interface CustomerUnits {
  unitsOf(customer: {
    readonly channel: string;
    readonly userId: string;
  }): Promise<readonly UnitSummary[]>;
}
