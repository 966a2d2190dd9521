/**
 * The ticket desk: the HandoffDesk the pipeline calls, backed by SQLite tickets, a staff channel
 * (Slack or Teams, through the StaffChannel port) and a persisted outbox.
 *
 * open()              → a ticket, posted to the staff channel; the bot relays from now on
 * relayFromCustomer() → the customer's words into the ticket's thread, and what to tell them
 *                       (waiting.ts: an acknowledgement, who claimed it, the claim timeout)
 * returnToBot()       → the customer went back to the assistant: recorded, ticket closed
 * receive()           → staff replies to the customer, private notes, Claim, Resolve
 * hooks               → satisfaction and follow-up buttons, the comment after a rating
 * tick()              → sends what is due (retries, follow-ups, claim timeouts); the composition root
 *                       (src/app.ts) calls it on its timer: the core owns no timer
 *
 * Opening a ticket is open-ticket.ts, the hooks desk-hooks.ts, staff actions staff-actions.ts.
 */
import type { Brain } from '../brain';
import { isOpen, type BusinessHours } from '../business-hours';
import type { ReferenceStore } from '../channel';
import type { Locale, Reply } from '../message';
import { contactOf } from '../pipeline/handoff';
import type { CustomerRelayed, HandoffDesk, HandoffOpened, TurnHooks } from '../pipeline/ports';
import type { OutboxStore } from '../outbox-store';
import type { Clock, ConversationKey, ConversationStore, Logger } from '../ports';
import { startRepairFollowUp, type RepairFollowUpRequest } from './case-follow-up';
import { botReply } from './customer-replies';
import {
  queueForCustomer,
  queueStaffLine,
  queueStaffUpdate,
  type DeskContext,
} from './desk-context';
import { createDeskHooks } from './desk-hooks';
import { queueDueFollowUps } from './follow-up';
import { defaultTranscriptLines, openTicket } from './open-ticket';
import type { TicketStore } from './ports';
import { createRelayOutbox, type RelayOutbox } from './relay-outbox';
import { awaitsComment, storeComment } from './satisfaction';
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
import {
  defaultAcknowledgeEveryMs,
  defaultClaimTimeoutMs,
  dueNotice,
  noticeLine,
  type WaitingPolicy,
} from './waiting';

export interface TicketDeskOptions {
  readonly tickets: TicketStore;
  /**
   * The outbox on the tickets' database (its `handoff` queue): the desk's messages are queued in
   * the transaction of the ticket change that caused them.
   */
  readonly outbox: OutboxStore;
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
  /** The language of a ticket opened for a conversation whose language is not known yet. */
  readonly defaultLocale: Locale;
  /**
   * False in a process that only records (the `aftercare tickets` CLI): what it queues is sent by
   * the running bot's next tick, not by a process about to exit. Default true.
   */
  readonly autoSend?: boolean;
  /** Conversation lines copied into a new ticket. */
  readonly transcriptLines?: number;
  /** At most one "your message is in ticket #N" per this many ms; default 5 minutes. */
  readonly acknowledgeEveryMs?: number;
  /** Unclaimed this long inside business hours, the customer is told and given the phone; default 15 minutes. */
  readonly claimTimeoutMs?: number;
}

export interface TicketDesk extends HandoffDesk, StaffInbox {
  readonly tickets: TicketStore;
  readonly hooks: TurnHooks;
  claim(ticketId: string, by: StaffMember): Promise<StaffOutcome>;
  resolve(ticketId: string, by: StaffMember): Promise<StaffOutcome>;
  /** A closed repair case: satisfaction question now, follow-up when due (case-follow-up.ts). */
  followUpRepair(request: RepairFollowUpRequest): Promise<Ticket>;
  /** A staff reply from outside the staff channel (the CLI). */
  reply(ticketId: string, text: string, by: StaffMember): Promise<StaffOutcome>;
  /** The desk's messages neither sent nor given up (the `handoff` queue of the outbox). */
  pendingJobs(): Promise<number>;
  /** Queues due follow-ups and sends every due outbox job; resolves when done. */
  tick(): Promise<void>;
  /** Re-queues what a restart interrupted and sends what is waiting; the caller then ticks. */
  start(): Promise<void>;
  /** Resolves when what is being sent is sent. */
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
  const overMinuteCap = async (ticketId: string, at: Date): Promise<boolean> =>
    (await tickets.messages(ticketId, minuteCap * 2)).filter(
      (message) => message.author === 'customer' && at.getTime() - message.at.getTime() < 60_000,
    ).length >= minuteCap;
  const units = options.units ?? null;
  const relay = createRelayOutbox({
    tickets,
    jobs: options.outbox,
    staff,
    deliver: options.deliver,
    card: async (ticket) =>
      ticketCard(
        ticket,
        await tickets.messages(ticket.id, 50),
        (await units?.unitsOf({ channel: ticket.customer.channel, userId: ticket.userId })) ?? [],
      ),
    clock,
    logger,
    customerRetryDelaysMs: options.customerRetryDelaysMs ?? defaultCustomerRetryDelaysMs,
    staffRetryDelaysMs: options.staffRetryDelaysMs ?? defaultStaffRetryDelaysMs,
  });
  const outbox: RelayOutbox =
    options.autoSend === false ? { ...relay, kick: () => undefined } : relay;
  const context: DeskContext = {
    tickets,
    jobs: options.outbox,
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
  const transcriptLines = options.transcriptLines ?? defaultTranscriptLines;
  const waiting: WaitingPolicy = {
    acknowledgeEveryMs: options.acknowledgeEveryMs ?? defaultAcknowledgeEveryMs,
    claimTimeoutMs: options.claimTimeoutMs ?? defaultClaimTimeoutMs,
    businessHours: options.businessHours,
  };

  /** Tells the customers of tickets unclaimed past the timeout, without waiting for them to write. */
  const queueClaimTimeouts = async (): Promise<void> => {
    if (staff === null) return;
    const at = clock.now();
    for (const ticket of await tickets.list({ status: 'open', limit: 200 })) {
      if (dueNotice(ticket, await tickets.messages(ticket.id, 50), at, waiting, true) !== 'timeout')
        continue;
      const text = options.brain().texts.message('handoff-timeout', ticket.locale, {
        ticket: ticket.id,
        ...contactOf(options.brain(), ticket.locale),
      });
      await tickets.atomically(async () => {
        await tickets.addMessage(ticket.id, { author: 'system', text: noticeLine('timeout'), at });
        await queueForCustomer(context, ticket, [botReply(ticket, text)], at, true);
        await queueStaffLine(context, ticket, { kind: 'warning', text: noticeLine('timeout') }, at);
      });
      logger.info({ ticketId: ticket.id }, 'ticket not claimed in time; customer told');
    }
  };

  const member = async (
    ticketId: string,
    act: (ticket: Ticket) => Promise<StaffOutcome>,
  ): Promise<StaffOutcome> => {
    const ticket = await tickets.get(ticketId);
    return ticket ? act(ticket) : { kind: 'unknown-ticket' };
  };

  return {
    tickets,
    hooks: createDeskHooks(context),
    async open(request): Promise<HandoffOpened> {
      const ticket = await openTicket(context, request, transcriptLines);
      const staffAvailable = staff !== null && isOpen(request.at, options.businessHours);
      // With no staff channel nobody is told: the ticket waits in the queue and the bot goes on.
      return {
        ticketId: ticket.id,
        staffAvailable,
        relaying: staff !== null,
        staffChannel: staff !== null,
      };
    },
    async relayFromCustomer(key, text, at): Promise<CustomerRelayed | null> {
      // The state says a person owns the conversation; if no ticket does (lost, or opened by an
      // older desk), one is opened so that a person sees the message.
      const ticket =
        (await tickets.activeFor(key)) ??
        (await openTicket(
          context,
          {
            key,
            userId: '',
            locale: (await options.conversations.loadState(key)).locale ?? options.defaultLocale,
            reason: 'requested',
            at,
          },
          transcriptLines,
        ));
      const relayed = (notice: CustomerRelayed['notice']): CustomerRelayed => ({
        ticketId: ticket.id,
        status: ticket.status === 'claimed' ? 'claimed' : 'open',
        assignee: ticket.assignee,
        notice,
        staffAvailable: ticket.staff !== null && isOpen(at, options.businessHours),
        claimTimeoutMinutes: Math.round(waiting.claimTimeoutMs / 60_000),
      });
      if (await overMinuteCap(ticket.id, at)) {
        logger.warn(
          { ticketId: ticket.id },
          'customer message over the per-minute cap; not relayed',
        );
        return relayed(null);
      }
      const notice = await tickets.atomically(async () => {
        await tickets.addMessage(ticket.id, { author: 'customer', text, at });
        if (awaitsComment(ticket, at)) await storeComment(context, ticket, text, at);
        await queueStaffLine(context, ticket, { kind: 'customer', text }, at);
        const due = dueNotice(ticket, await tickets.messages(ticket.id, 50), at, waiting);
        if (due)
          await tickets.addMessage(ticket.id, { author: 'system', text: noticeLine(due), at });
        return due;
      });
      outbox.kick();
      return relayed(notice);
    },
    async returnToBot(key, at) {
      const ticket = await tickets.activeFor(key);
      if (!ticket) return null;
      const line = 'The customer went back to the assistant; ticket closed.';
      await tickets.atomically(async () => {
        const closed = await tickets.update(ticket.id, { status: 'resolved', resolvedAt: at }, at);
        await tickets.addMessage(ticket.id, { author: 'system', text: line, at });
        await queueStaffUpdate(context, closed, at);
        await queueStaffLine(context, closed, { kind: 'event', text: line }, at);
      });
      logger.info({ ticketId: ticket.id }, 'customer went back to the assistant');
      outbox.kick();
      return ticket.id;
    },
    receive: (event) => receiveStaffEvent(context, event),
    claim: (ticketId, by) => member(ticketId, (ticket) => claimTicket(context, ticket, by)),
    resolve: (ticketId, by) => member(ticketId, (ticket) => resolveTicket(context, ticket, by)),
    reply: (ticketId, text, by) =>
      member(ticketId, (ticket) => relayStaffReply(context, ticket, by, text, null)),
    async followUpRepair(request) {
      const ticket = await startRepairFollowUp(context, request);
      outbox.kick();
      return ticket;
    },
    pendingJobs: () => relay.pending(),
    async tick() {
      await queueDueFollowUps(context);
      await queueClaimTimeouts();
      await outbox.drain();
    },
    async start() {
      await outbox.recover();
      outbox.kick();
    },
    stop: () => outbox.idle(),
  };
}
