/**
 * The desk's messages, as the `handoff` queue of the outbox: relayed staff replies and bot
 * messages to customers (follow-ups, claim timeouts), ticket posts and lines to the staff channel.
 * A job is written in the same transaction as the event that caused it (`tickets.atomically`: the
 * OutboxStore on the same database joins it), so nothing acknowledged is lost. They are sent by
 * the core's outbox runner (src/core/outbox/runner.ts): a failed send waits and is tried again,
 * across restarts; a customer message that finally cannot be delivered is reported in the
 * ticket's thread, in the transaction that gives it up.
 */
import type { Reply } from '../message';
import type { NewQueuedJob, OutboxStore } from '../outbox-store';
import { createOutboxRunner, type OutboxRunner } from '../outbox/runner';
import { PermanentFailure } from '../outbox/retry-policy';
import type { Clock, ConversationKey, Logger } from '../ports';
import type { OutboxJob, TicketStore } from './ports';
import type { StaffChannel, TicketCard } from './staff-channel';
import type { Ticket } from './ticket';

export const HANDOFF_QUEUE = 'handoff';

/** A job of the `handoff` queue as it is stored: the message with the ticket it belongs to. */
export interface HandoffJob {
  readonly ticketId: string;
  readonly job: OutboxJob;
}

export interface RelayOutboxOptions {
  readonly tickets: TicketStore;
  /** The outbox on the tickets' database, so that a job commits with the ticket change. */
  readonly jobs: OutboxStore;
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

export type RelayOutbox = Pick<OutboxRunner, 'drain' | 'kick' | 'idle' | 'pending'> & {
  /** After a restart: re-queues jobs a crash interrupted (at-most-once ones are set aside). */
  recover(): Promise<void>;
};

export const customerLane = (key: ConversationKey): string =>
  `customer:${key.channel}:${key.conversationId}`;
const staffLane = (ticketId: string): string => `staff:${ticketId}`;

/** Queues a job of the `handoff` queue (call inside `tickets.atomically`). */
export function queueHandoffJob(
  jobs: OutboxStore,
  entry: { ticketId: string; lane: string; job: OutboxJob; atMostOnce?: boolean; at: Date },
): Promise<number> {
  const job: HandoffJob = { ticketId: entry.ticketId, job: entry.job };
  const queued: NewQueuedJob = {
    queue: HANDOFF_QUEUE,
    lane: entry.lane,
    job,
    atMostOnce: entry.atMostOnce === true,
    at: entry.at,
  };
  return jobs.enqueue(queued);
}

/** Queues a job for the ticket's staff thread, when it has a staff channel (call inside `tickets.atomically`). */
export async function queueStaffJob(
  jobs: OutboxStore,
  ticket: Ticket,
  job: OutboxJob,
  at: Date,
): Promise<void> {
  if (ticket.staff)
    await queueHandoffJob(jobs, { ticketId: ticket.id, lane: staffLane(ticket.id), job, at });
}

export function createRelayOutbox(options: RelayOutboxOptions): RelayOutbox {
  const { tickets, jobs, clock } = options;

  async function send({ ticketId, job }: HandoffJob): Promise<void> {
    const ticket = await tickets.get(ticketId);
    if (!ticket) throw new PermanentFailure(`ticket ${ticketId} is gone`);
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

  /** An undeliverable customer message is written into the ticket and its staff thread. */
  async function reportUndelivered(
    { ticketId, job }: HandoffJob,
    attempts: number,
    error: string,
    at: Date,
  ): Promise<void> {
    const ticket = job.kind === 'customer' ? await tickets.get(ticketId) : null;
    if (job.kind !== 'customer' || !ticket) return;
    const text = job.replies.map((reply) => reply.text).join('\n');
    const warning = `Could not deliver this to the customer on ${ticket.customer.channel} after ${attempts} attempts (${error}):\n> ${text}`;
    await tickets.addMessage(ticket.id, { author: 'system', text: warning, at });
    await queueStaffJob(
      jobs,
      ticket,
      { kind: 'staff-line', line: { kind: 'warning', text: warning } },
      at,
    );
  }

  const runner = createOutboxRunner<HandoffJob>({
    store: jobs,
    queue: HANDOFF_QUEUE,
    now: () => clock.now(),
    logger: options.logger,
    atomically: (work) => tickets.atomically(work),
    send,
    retryDelaysMs: ({ job }) =>
      job.kind === 'customer' ? options.customerRetryDelaysMs : options.staffRetryDelaysMs,
    onGiveUp: (job, entry, error, at) => reportUndelivered(job, entry.attempts, error, at),
    describe: ({ ticketId, job }) => ({ ticketId, job: job.kind }),
    texts: {
      retry: 'hand-off message not sent; will retry',
      refused: 'hand-off message not sent; giving up',
      exhausted: 'hand-off message not sent; giving up',
      requeued: 'hand-off messages interrupted by a restart will be sent again',
      failed: 'hand-off outbox failed',
    },
  });

  return {
    drain: runner.drain,
    kick: runner.kick,
    idle: runner.idle,
    pending: runner.pending,
    async recover() {
      await runner.recover();
    },
  };
}
