/** A manual clock, a recording staff channel and recording customer channels, with failure injection. */
import type { Reply } from '../../../../src/core/message';
import type { Clock, ConversationKey } from '../../../../src/core/ports';
import type {
  StaffChannel,
  StaffLine,
  TicketCard,
} from '../../../../src/core/handoff/staff-channel';

export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(milliseconds: number): void;
}

export function manualClock(start: Date | string): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at) {
      current = new Date(at);
    },
    advance(milliseconds) {
      current = new Date(current.getTime() + milliseconds);
    },
  };
}

export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;

export interface RecordingStaff extends StaffChannel {
  readonly tickets: TicketCard[];
  readonly updates: { threadId: string; card: TicketCard }[];
  readonly lines: { threadId: string; line: StaffLine }[];
  /** Posts of their own (service cases) and their re-renders. */
  readonly posts: { threadId: string; reply: Reply }[];
  /** The next `count` calls fail. */
  failNext(count: number): void;
  attempts: number;
}

export function recordingStaff(target = 'slack'): RecordingStaff {
  let failures = 0;
  const attempt = (): void => {
    staff.attempts += 1;
    if (failures > 0) {
      failures -= 1;
      throw new Error('staff platform answered 500');
    }
  };
  const staff: RecordingStaff = {
    target,
    tickets: [],
    updates: [],
    lines: [],
    posts: [],
    attempts: 0,
    failNext(count) {
      failures = count;
    },
    postTicket(card) {
      attempt();
      staff.tickets.push(card);
      return Promise.resolve(`thread-${card.ticketId}`);
    },
    updateTicket(threadId, card) {
      attempt();
      staff.updates.push({ threadId, card });
      return Promise.resolve();
    },
    postLine(threadId, line) {
      attempt();
      staff.lines.push({ threadId, line });
      return Promise.resolve();
    },
    postMessage(reply) {
      attempt();
      const threadId = `post-${staff.posts.length + 1}`;
      staff.posts.push({ threadId, reply });
      return Promise.resolve(threadId);
    },
    updateMessage(threadId, reply) {
      attempt();
      staff.posts.push({ threadId, reply });
      return Promise.resolve();
    },
  };
  return staff;
}

export interface RecordingCustomers {
  deliver(key: ConversationKey, replies: readonly Reply[]): Promise<void>;
  readonly delivered: { key: ConversationKey; reply: Reply }[];
  texts(conversationId?: string): string[];
  failNext(count: number): void;
  attempts: number;
}

export function recordingCustomers(): RecordingCustomers {
  let failures = 0;
  const customers: RecordingCustomers = {
    delivered: [],
    attempts: 0,
    failNext(count) {
      failures = count;
    },
    deliver(key, replies) {
      customers.attempts += 1;
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('Telegram answered 500'));
      }
      for (const reply of replies) customers.delivered.push({ key, reply });
      return Promise.resolve();
    },
    texts: (conversationId) =>
      customers.delivered
        .filter(
          (item) => conversationId === undefined || item.key.conversationId === conversationId,
        )
        .map((item) => item.reply.text),
  };
  return customers;
}
