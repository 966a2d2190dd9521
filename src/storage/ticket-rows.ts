/**
 * What the SQLite and PostgreSQL TicketStores share: a tickets row read back as a Ticket (SQLite
 * gives ISO strings and 0/1, PostgreSQL Dates and booleans), the TicketChange field → column map,
 * (the hand-off jobs are the `handoff` queue of the OutboxStore: src/core/handoff/relay-outbox.ts).
 */
import type { ConversationReference } from '../core/channel';
import type { TicketChange } from '../core/handoff/ports';
import type { Ticket, TicketStatus } from '../core/handoff/ticket';
import type { HandoffReason } from '../core/message';

type Instant = string | Date;

export interface TicketRow {
  id: number;
  channel: string;
  conversation_id: string;
  user_id: string;
  reference_json: string | null;
  locale: string;
  script: 'cyrillic' | 'latin' | null;
  reason: string;
  status: TicketStatus;
  assignee: string | null;
  repair: number | boolean;
  staff_target: string | null;
  staff_thread: string | null;
  created_at: Instant;
  updated_at: Instant;
  claimed_at: Instant | null;
  resolved_at: Instant | null;
  satisfaction: number | null;
  satisfaction_comment: string | null;
  comment_until: Instant | null;
  follow_up_due_at: Instant | null;
  follow_up_sent_at: Instant | null;
  follow_up_answer: 'ok' | 'problem' | null;
}

const date = (value: Instant | null): Date | null => (value === null ? null : new Date(value));

export function toTicket(row: TicketRow): Ticket {
  return {
    id: String(row.id),
    customer: { channel: row.channel, conversationId: row.conversation_id },
    userId: row.user_id,
    reference:
      row.reference_json === null
        ? null
        : (JSON.parse(row.reference_json) as ConversationReference),
    locale: row.locale,
    script: row.script,
    reason: row.reason as HandoffReason,
    status: row.status,
    assignee: row.assignee,
    repair: row.repair === true || row.repair === 1,
    staff:
      row.staff_target === null ? null : { target: row.staff_target, threadId: row.staff_thread },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    claimedAt: date(row.claimed_at),
    resolvedAt: date(row.resolved_at),
    satisfaction: {
      score: row.satisfaction,
      comment: row.satisfaction_comment,
      commentUntil: date(row.comment_until),
    },
    followUp: {
      dueAt: date(row.follow_up_due_at),
      sentAt: date(row.follow_up_sent_at),
      answer: row.follow_up_answer,
    },
  };
}

/** TicketChange field → column (a fixed list: no caller's text ever becomes SQL). */
export const ticketColumns: Readonly<Record<keyof TicketChange, string>> = {
  status: 'status',
  assignee: 'assignee',
  repair: 'repair',
  threadId: 'staff_thread',
  claimedAt: 'claimed_at',
  resolvedAt: 'resolved_at',
  satisfactionScore: 'satisfaction',
  satisfactionComment: 'satisfaction_comment',
  commentUntil: 'comment_until',
  followUpDueAt: 'follow_up_due_at',
  followUpSentAt: 'follow_up_sent_at',
  followUpAnswer: 'follow_up_answer',
};
