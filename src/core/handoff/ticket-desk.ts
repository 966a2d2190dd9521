/**
 * The ticket desk: the HandoffDesk the pipeline calls, backed by SQLite tickets, a staff channel
 * (Slack or Teams, through the StaffChannel port) and a persisted outbox.
 *
 * open()              → a ticket, posted to the staff channel; the bot relays from now on
 * relayFromCustomer() → the customer's words into the ticket's thread
 * receive()           → staff replies to the customer, private notes, Claim, Resolve
 * hooks               → satisfaction and follow-up buttons, the comment after a rating
 * tick()              → sends what is due (retries, follow-ups); start() runs it on a timer
 */
import type { Brain } from '../brain';
import { isOpen, type BusinessHours } from '../business-hours';
import type { ReferenceStore } from '../channel';
import type { Reply } from '../message';
import { handOff } from '../pipeline/handoff';
import type { Clock, ConversationKey, ConversationStore, Logger, TranscriptEntry } from '../ports';
import { parseHandoffChoice } from './customer-replies';
import { queueStaffLine, type DeskContext } from './desk-context';
import { answerFollowUp, queueDueFollowUps } from './follow-up';
import type { HandoffDesk, HandoffOpened, HandoffRequest } from './handoff-desk';
import type { TicketStore } from './ports';
import { createRelayOutbox, queueStaffJob, type RelayOutbox } from './relay-outbox';
import { awaitsComment, commentReplies, ownTicket, rate, storeComment } from './satisfaction';
import { claimTicket, relayStaffReply, receiveStaffEvent, resolveTicket } from './staff-actions';
import type {
  CustomerUnits,
  StaffChannel,
  StaffInbox,
  StaffMember,
  StaffOutcome,
} from './staff-channel';
import type { Ticket } from './ticket';
import { ticketCard } from './ticket-card';
import type { TurnHooks } from './turn-hooks';

export interface TicketDeskOptions {
  readonly tickets: TicketStore;
  readonly conversations: Pick<ConversationStore, 'loadState' | 'saveState' | 'transcript'>;
  readonly references: Pick<ReferenceStore, 'loadReference'>;
  /** Where tickets are posted; null to keep them in the queue (`aftercare tickets`). */
  readonly staff: StaffChannel | null;
  /** Sends replies to a customer conversation through its channel's adapter (ChannelAdapter.deliver). */
  readonly deliver: (key: ConversationKey, replies: readonly Reply[]) => Promise<void>;
  readonly brain: () => Brain;
  /** The customer's warranty units for the ticket summary, when warranty records exist. */
  readonly units?: CustomerUnits | null;
  readonly businessHours: BusinessHours;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reviewUrl?: string | null;
  readonly followUpDays: number;
  /** Customer messages one ticket relays per minute (a flood is not pasted into the thread); default 20. */
  readonly maxCustomerMessagesPerMinute?: number;
  /** Waits between attempts at a customer message; after the last it is reported in the thread. */
  readonly customerRetryDelaysMs?: readonly number[];
  readonly staffRetryDelaysMs?: readonly number[];
  /** How often start() runs tick(). */
  readonly tickIntervalMs?: number;
  /**
   * False in a process that only records (the `aftercare tickets` CLI): what it queues is sent by
   * the running bot's next tick, not by a process about to exit. Default true.
   */
  readonly autoSend?: boolean;
  /** Conversation lines copied into a new ticket. */
  readonly transcriptLines?: number;
}

export interface TicketDesk extends HandoffDesk, StaffInbox {
  readonly tickets: TicketStore;
  readonly hooks: TurnHooks;
  claim(ticketId: string, by: StaffMember): StaffOutcome;
  resolve(ticketId: string, by: StaffMember): StaffOutcome;
  /** A staff reply from outside the staff channel (the CLI). */
  reply(ticketId: string, text: string, by: StaffMember): StaffOutcome;
  /** Queues due follow-ups and sends every due outbox job; resolves when done. */
  tick(): Promise<void>;
  /** Re-queues what a restart interrupted, sends what is waiting, and ticks on a timer. */
  start(): void;
  stop(): Promise<void>;
}

export const defaultCustomerRetryDelaysMs: readonly number[] = [
  30_000, 120_000, 600_000, 1_800_000,
];
export const defaultStaffRetryDelaysMs: readonly number[] = [
  30_000, 120_000, 600_000, 1_800_000, 3_600_000, 3_600_000, 3_600_000,
];

export function createTicketDesk(options: TicketDeskOptions): TicketDesk {
  const { tickets, clock, logger, staff } = options;
  const minuteCap = options.maxCustomerMessagesPerMinute ?? 20;
  const overMinuteCap = (ticketId: string, at: Date): boolean =>
    tickets
      .messages(ticketId, minuteCap * 2)
      .filter(
        (message) => message.author === 'customer' && at.getTime() - message.at.getTime() < 60_000,
      ).length >= minuteCap;
  const units = options.units ?? null;
  const relay = createRelayOutbox({
    tickets,
    staff,
    deliver: options.deliver,
    card: (ticket) => ticketCard(ticket, tickets.messages(ticket.id, 50), units),
    clock,
    logger,
    customerRetryDelaysMs: options.customerRetryDelaysMs ?? defaultCustomerRetryDelaysMs,
    staffRetryDelaysMs: options.staffRetryDelaysMs ?? defaultStaffRetryDelaysMs,
  });
  const outbox: RelayOutbox =
    options.autoSend === false ? { ...relay, kick: () => undefined } : relay;
  const context: DeskContext = {
    tickets,
    conversations: options.conversations,
    references: options.references,
    staff,
    units,
    brain: options.brain,
    businessHours: options.businessHours,
    clock,
    logger,
    outbox,
    reviewUrl: options.reviewUrl ?? null,
    followUpDays: options.followUpDays,
  };
  /** A line for the next ticket of a conversation (a follow-up that found a problem). */
  const notes = new Map<string, string>();
  const keyOf = (key: ConversationKey): string => `${key.channel}\u0000${key.conversationId}`;
  let timer: NodeJS.Timeout | null = null;

  function openTicket(request: HandoffRequest): Ticket {
    const existing = tickets.activeFor(request.key);
    if (existing) return existing;
    const transcript = options.conversations.transcript(request.key, options.transcriptLines ?? 12);
    const state = options.conversations.loadState(request.key);
    const ticket = tickets.atomically(() => {
      const created = tickets.create({
        customer: request.key,
        userId: request.userId,
        reference: options.references.loadReference(
          request.key.channel,
          request.key.conversationId,
        ),
        locale: request.locale,
        script: request.locale === 'sr' ? state.script : null,
        reason: request.reason,
        repair: aboutRepair(options.brain(), transcript),
        staffTarget: staff?.target ?? null,
        at: request.at,
      });
      for (const entry of transcript) {
        tickets.addMessage(created.id, {
          author: entry.direction === 'in' ? 'customer' : 'bot',
          text: entry.text,
          at: entry.at,
        });
      }
      const note = notes.get(keyOf(request.key));
      notes.delete(keyOf(request.key));
      if (note) tickets.addMessage(created.id, { author: 'system', text: note, at: request.at });
      queueStaffJob(tickets, created, { kind: 'staff-post' }, request.at);
      return created;
    });
    logger.info(
      {
        ticketId: ticket.id,
        channel: request.key.channel,
        conversationId: request.key.conversationId,
        reason: request.reason,
        locale: request.locale,
      },
      'ticket opened',
    );
    outbox.kick();
    return ticket;
  }

  const hooks: TurnHooks = {
    beforeText(turn, settings) {
      const ticket = tickets.latestFor(turn.key);
      if (!ticket || ticket.status !== 'resolved' || !awaitsComment(ticket, turn.now))
        return Promise.resolve(null);
      // A confident new question is answered, not filed as a comment.
      const top = turn.brain.matcher.match(turn.text, { locale: turn.locale, limit: 1 })[0];
      if (top && top.score >= settings.thresholds.answer) {
        tickets.update(ticket.id, { commentUntil: null }, turn.now);
        return Promise.resolve(null);
      }
      return Promise.resolve(commentReplies(context, turn, ticket));
    },
    async pressed(turn, choiceId, settings) {
      const choice = parseHandoffChoice(choiceId);
      if (!choice) return null;
      const ticket = ownTicket(context, turn, choice.ticketId);
      if (!ticket) return [];
      if (choice.kind === 'csat') return rate(context, turn, ticket, choice.value);
      const answered = answerFollowUp(context, turn, ticket, choice.answer);
      if (answered) return answered;
      notes.set(
        keyOf(turn.key),
        `Follow-up of ticket #${ticket.id}: the customer reports a problem after the repair.`,
      );
      return handOff(turn, settings, 'complaint', 1);
    },
  };

  const member = (ticketId: string, act: (ticket: Ticket) => StaffOutcome): StaffOutcome => {
    const ticket = tickets.get(ticketId);
    return ticket ? act(ticket) : { kind: 'unknown-ticket' };
  };

  const tick = async (): Promise<void> => {
    queueDueFollowUps(context);
    await outbox.drain();
  };

  return {
    tickets,
    hooks,
    open(request): Promise<HandoffOpened> {
      const ticket = openTicket(request);
      const staffAvailable = staff !== null && isOpen(request.at, options.businessHours);
      return Promise.resolve({ ticketId: ticket.id, staffAvailable, relaying: true });
    },
    relayFromCustomer(key, text, at) {
      // The state says a person owns the conversation; if no ticket does (lost, or opened by an
      // older desk), one is opened so that a person sees the message.
      const ticket =
        tickets.activeFor(key) ??
        openTicket({
          key,
          userId: '',
          locale: options.conversations.loadState(key).locale ?? 'en',
          reason: 'requested',
          at,
        });
      if (overMinuteCap(ticket.id, at)) {
        logger.warn(
          { ticketId: ticket.id },
          'customer message over the per-minute cap; not relayed',
        );
        return Promise.resolve();
      }
      tickets.atomically(() => {
        tickets.addMessage(ticket.id, { author: 'customer', text, at });
        if (awaitsComment(ticket, at)) storeComment(context, ticket, text, at);
        queueStaffLine(context, ticket, { kind: 'customer', text }, at);
      });
      outbox.kick();
      return Promise.resolve();
    },
    receive(event) {
      return Promise.resolve(receiveStaffEvent(context, event));
    },
    claim: (ticketId, by) => member(ticketId, (ticket) => claimTicket(context, ticket, by)),
    resolve: (ticketId, by) => member(ticketId, (ticket) => resolveTicket(context, ticket, by)),
    reply: (ticketId, text, by) =>
      member(ticketId, (ticket) => relayStaffReply(context, ticket, by, text, null)),
    tick,
    start() {
      outbox.recover();
      outbox.kick();
      if (timer) return;
      timer = setInterval(() => {
        tick().catch((error: unknown) =>
          logger.error(
            { error: error instanceof Error ? error.message : String(error) },
            'hand-off tick failed',
          ),
        );
      }, options.tickIntervalMs ?? 15_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await outbox.idle();
    },
  };
}

/** A ticket about a repair gets the follow-up: the conversation touched an FAQ entry tagged `repair`. */
function aboutRepair(brain: Brain, transcript: readonly TranscriptEntry[]): boolean {
  return transcript.some(
    (entry) => entry.faq !== null && (brain.faqs.get(entry.faq)?.tags.includes('repair') ?? false),
  );
}
