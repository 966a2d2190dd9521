/**
 * What the pipeline needs of the hand-off, described on the pipeline's side: the desk it calls and
 * the hooks it runs. `src/core/handoff` implements both (the ticket desk, createHandoffHooks) and
 * depends on the pipeline, never the reverse (test/architecture/core-boundaries.test.ts).
 */
import type { Candidate } from '../matching/matcher';
import type { HandoffReason, Locale, Reply } from '../message';
import type { ConversationKey } from '../ports';
import type { RespondSettings } from './respond';
import type { Turn } from './turn';

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
  /**
   * False with `handoff.target: none`: the ticket waits in the queue (`aftercare tickets`) and no
   * person is told, so the customer is given the phone number and hours instead of a promise.
   */
  readonly staffChannel: boolean;
}

/** What the bot tells a customer whose ticket waits, when it tells them anything. */
export type WaitingNotice = 'ack' | 'claimed' | 'timeout';

/** A customer's message added to their ticket, and what the desk says the bot should tell them. */
export interface CustomerRelayed {
  readonly ticketId: string;
  readonly status: 'open' | 'claimed';
  readonly assignee: string | null;
  /** Null: the message joins the ticket silently (the customer was told a moment ago). */
  readonly notice: WaitingNotice | null;
  /** A person reads tickets now (inside business hours, with a staff channel). */
  readonly staffAvailable: boolean;
  /** How long a ticket may wait unclaimed inside business hours before the customer is told. */
  readonly claimTimeoutMinutes: number;
}

/**
 * The port to the people behind the bot. The core decides *when* to hand off; a desk decides
 * *where* the ticket goes (a Slack or Teams channel, or a queue read with `aftercare tickets`).
 */
export interface HandoffDesk {
  open(request: HandoffRequest): Promise<HandoffOpened>;
  /**
   * A customer's message while the conversation is handed off: added to the ticket. Null when
   * the conversation has no ticket to add it to (the bot answers it instead).
   */
  relayFromCustomer(key: ConversationKey, text: string, at: Date): Promise<CustomerRelayed | null>;
  /** The customer goes back to the assistant: the ticket records it and closes. Its id, or null. */
  returnToBot(key: ConversationKey, at: Date): Promise<string | null>;
}

/** With no desk configured: nobody relays; the customer is given a phone number instead. */
export const noDesk: HandoffDesk = {
  open: () =>
    Promise.resolve({
      ticketId: null,
      staffAvailable: false,
      relaying: false,
      staffChannel: false,
    }),
  relayFromCustomer: () => Promise.resolve(null),
  returnToBot: () => Promise.resolve(null),
};

/**
 * The turn's match, computed at most once: a hook that needs it and the pipeline after it share
 * the one run of the matcher.
 */
export type TurnMatches = () => readonly Candidate[];

/** The pipeline's hooks for the hand-off: buttons the desk sent, comments, strong negative sentiment. */
export interface TurnHooks {
  /** Before the bot decides on a typed message; replies when the hook answers it itself. */
  beforeText(turn: Turn, settings: RespondSettings, matches: TurnMatches): Promise<Reply[] | null>;
  /** A pressed button; null when the button is not one of the hook's. */
  pressed(turn: Turn, choiceId: string, settings: RespondSettings): Promise<Reply[] | null>;
}

export const noHooks: TurnHooks = {
  beforeText: () => Promise.resolve(null),
  pressed: () => Promise.resolve(null),
};

/**
 * Service cases on the customer side (fault reports, repair bookings, returns), described on the
 * pipeline's side; src/core/cases/case-dialog.ts implements it.
 */
export interface CaseDialogPort {
  /**
   * A fault report or a return request in a typed message; null when it is neither. `matches`
   * lets an admin's own confident FAQ answer win where the report alone is unsure.
   */
  spot(turn: Turn, settings: RespondSettings, matches: TurnMatches): Promise<Reply[] | null>;
  /** The answer to the pending case step; null when the message is a new question. */
  resume(turn: Turn, settings: RespondSettings): Promise<Reply[] | null>;
  /** A `case:` button; null for other buttons. */
  pressed(turn: Turn, choiceId: string, settings: RespondSettings): Promise<Reply[] | null>;
}
