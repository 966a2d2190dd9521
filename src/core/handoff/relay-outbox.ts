/**
 * Sends what the desk queued in the outbox (SQLite): relayed staff replies and bot messages to
 * customers, ticket posts and lines to the staff channel. A job is written in the same
 * transaction as the event that caused it, so nothing acknowledged is lost; a failed send waits
 * and is tried again, across restarts; a customer message that finally cannot be delivered is
 * reported in the ticket's thread.
 */
import type { Reply } from '../message';
import type { Clock, ConversationKey, Logger } from '../ports';
import type { OutboxEntry, OutboxJob, TicketStore } from './ports';
import type { StaffChannel, TicketCard } from './staff-channel';
import type { Ticket } from './ticket';
import { errorMessage } from '../error-message';

export interface RelayOutboxOptions {
  readonly tickets: TicketStore;
  readonly staff: StaffChannel | null;
  /** Delivers to a customer conversation through its channel (ChannelAdapter.deliver). */
  readonly deliver: (key: ConversationKey, replies: readonly Reply[]) => Promise<void>;
  readonly card: (ticket: Ticket) => Promise<TicketCard>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Waits before each new attempt at a customer message; after the last, it is given up and reported. */
  readonly customerRetryDelaysMs: readonly number[];
  /** The same for posts to the staff channel. */
  readonly staffRetryDelaysMs: readonly number[];
}

export interface RelayOutbox {
  /** Sends every job that is due now, lane by lane in order; concurrent calls share one run. */
  drain(): Promise<void>;
  /** Starts a drain without waiting for it; failures are logged. */
  kick(): void;
  /** After a restart: re-queues jobs a crash interrupted (see TicketStore.recoverInterrupted). */
  recover(): Promise<void>;
  /** Resolves when no drain is running. */
  idle(): Promise<void>;
}

export const customerLane = (key: ConversationKey): string =>
  `customer:${key.channel}:${key.conversationId}`;
const staffLane = (ticketId: string): string => `staff:${ticketId}`;

/** Queues a job for the ticket's staff thread, when it has a staff channel (call inside `tickets.atomically`). */
export async function queueStaffJob(
  tickets: TicketStore,
  ticket: Ticket,
  job: OutboxJob,
  at: Date,
): Promise<void> {
  if (ticket.staff)
    await tickets.enqueue({ ticketId: ticket.id, lane: staffLane(ticket.id), job, at });
}

const BATCH = 20;

export function createRelayOutbox(options: RelayOutboxOptions): RelayOutbox {
  const { tickets, clock, logger } = options;
  let running: Promise<void> | null = null;
  let again = false;

  async function send(entry: OutboxEntry, ticket: Ticket): Promise<void> {
    const job: OutboxJob = entry.job;
    if (job.kind === 'customer') {
      await options.deliver(ticket.customer, job.replies);
      return;
    }
    const staff = options.staff;
    if (!staff || !ticket.staff || ticket.staff.target !== staff.target) {
      throw new PermanentFailure(
        `no staff channel "${ticket.staff?.target ?? 'none'}" is configured`,
      );
    }
    if (job.kind === 'staff-post') {
      if (ticket.staff.threadId !== null) return;
      const threadId = await staff.postTicket(await options.card(ticket));
      await tickets.update(ticket.id, { threadId }, clock.now());
      return;
    }
    const threadId = ticket.staff.threadId;
    if (threadId === null)
      throw new Error(`ticket ${ticket.id} is not posted to ${staff.target} yet`);
    if (job.kind === 'staff-update') await staff.updateTicket(threadId, await options.card(ticket));
    else await staff.postLine(threadId, job.line);
  }

  async function failed(entry: OutboxEntry, ticket: Ticket | null, error: unknown): Promise<void> {
    const message = errorMessage(error);
    const delays =
      entry.job.kind === 'customer' ? options.customerRetryDelaysMs : options.staffRetryDelaysMs;
    const delay = error instanceof PermanentFailure ? undefined : delays[entry.attempts - 1];
    const now = clock.now();
    const fields = {
      ticketId: entry.ticketId,
      job: entry.job.kind,
      attempt: entry.attempts,
      error: message,
    };
    if (delay !== undefined) {
      await tickets.markRetry(entry.id, new Date(now.getTime() + delay), message, now);
      logger.warn({ ...fields, retryInMs: delay }, 'hand-off message not sent; will retry');
      return;
    }
    logger.error(fields, 'hand-off message not sent; giving up');
    await tickets.atomically(async () => {
      await tickets.markFailed(entry.id, message, now);
      if (entry.job.kind !== 'customer' || !ticket) return;
      const text = entry.job.replies.map((reply) => reply.text).join('\n');
      const warning = `Could not deliver this to the customer on ${ticket.customer.channel} after ${entry.attempts} attempts (${message}):\n> ${text}`;
      await tickets.addMessage(ticket.id, { author: 'system', text: warning, at: now });
      await queueStaffJob(
        tickets,
        ticket,
        { kind: 'staff-line', line: { kind: 'warning', text: warning } },
        now,
      );
    });
  }

  async function drainOnce(): Promise<number> {
    let handled = 0;
    for (const entry of await tickets.dueJobs(clock.now(), BATCH)) {
      if (!(await tickets.markSending(entry.id, clock.now()))) continue;
      const claimed: OutboxEntry = { ...entry, attempts: entry.attempts + 1 };
      const ticket = await tickets.get(entry.ticketId);
      handled += 1;
      try {
        if (!ticket) throw new PermanentFailure(`ticket ${entry.ticketId} is gone`);
        await send(claimed, ticket);
        await tickets.markSent(entry.id, clock.now());
      } catch (error) {
        await failed(claimed, ticket, error);
      }
    }
    return handled;
  }

  const drain = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        while ((await drainOnce()) > 0);
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    drain,
    kick() {
      drain().catch((error: unknown) =>
        logger.error({ error: errorMessage(error) }, 'hand-off outbox failed'),
      );
    },
    idle: () => running ?? Promise.resolve(),
    async recover() {
      const { requeued, abandoned } = await tickets.recoverInterrupted(clock.now());
      if (requeued > 0)
        logger.warn({ requeued }, 'hand-off messages interrupted by a restart will be sent again');
      for (const entry of abandoned) {
        logger.warn(
          { ticketId: entry.ticketId, job: entry.job.kind },
          'an at-most-once message was interrupted by a restart and is not sent again',
        );
      }
    },
  };
}

/** A failure no retry can fix (no staff channel configured, ticket deleted). */
class PermanentFailure extends Error {}
