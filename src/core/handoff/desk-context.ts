/** What the parts of the ticket desk share: the stores, the outbox, and how to queue a message. */
import type { Brain } from '../brain';
import type { BusinessHours } from '../business-hours';
import type { ReferenceStore } from '../channel';
import type { Reply } from '../message';
import type { Clock, ConversationStore, Logger } from '../ports';
import type { StaffLineJob, TicketStore } from './ports';
import type { OutboxStore } from '../outbox-store';
import { customerLane, queueHandoffJob, queueStaffJob, type RelayOutbox } from './relay-outbox';
import type { CustomerUnits, StaffChannel } from './staff-channel';
import type { Ticket } from './ticket';

export interface DeskContext {
  readonly tickets: TicketStore;
  /** The outbox on the tickets' database: a job queued inside `tickets.atomically` commits with it. */
  readonly jobs: OutboxStore;
  readonly conversations: Pick<ConversationStore, 'loadState' | 'saveState' | 'transcript'>;
  readonly references: Pick<ReferenceStore, 'loadReference'>;
  readonly staff: StaffChannel | null;
  readonly units: CustomerUnits | null;
  readonly brain: () => Brain;
  readonly businessHours: BusinessHours;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly outbox: RelayOutbox;
  readonly reviewUrl: string | null;
  readonly followUpDays: number;
}

/** Queues replies to the ticket's customer (call inside `tickets.atomically`). */
export function queueForCustomer(
  context: DeskContext,
  ticket: Ticket,
  replies: readonly Reply[],
  at: Date,
  atMostOnce = false,
): Promise<number> {
  return queueHandoffJob(context.jobs, {
    ticketId: ticket.id,
    lane: customerLane(ticket.customer),
    job: { kind: 'customer', replies },
    atMostOnce,
    at,
  });
}

/** Queues a line in the ticket's staff thread, when it has one. */
export function queueStaffLine(
  context: DeskContext,
  ticket: Ticket,
  line: StaffLineJob,
  at: Date,
): Promise<void> {
  return queueStaffJob(context.jobs, ticket, { kind: 'staff-line', line }, at);
}

/** Queues a re-render of the ticket's message in the staff channel (status, assignee, rating). */
export function queueStaffUpdate(context: DeskContext, ticket: Ticket, at: Date): Promise<void> {
  return queueStaffJob(context.jobs, ticket, { kind: 'staff-update' }, at);
}

/** Hands the conversation back to the bot or to a person, outside a turn. */
export async function setHandoffActive(
  context: DeskContext,
  ticket: Ticket,
  active: boolean,
  at: Date,
): Promise<void> {
  const state = await context.conversations.loadState(ticket.customer);
  state.handoffActive = active;
  state.pending = null;
  state.fallbacks = 0;
  await context.conversations.saveState(ticket.customer, state, at);
}

export const addDays = (at: Date, days: number): Date =>
  new Date(at.getTime() + days * 24 * 3600 * 1000);
