/**
 * TicketStore on PostgreSQL: tickets and their transcript (migration 001); the hand-off jobs are
 * the `handoff` queue of the OutboxStore (outbox-store.ts), as on SQLite. `atomically` is one
 * transaction on one connection that every PostgreSQL store on the pool joins (pool.ts), so a
 * ticket change, the conversation's state and the jobs to send commit together. One active ticket
 * per conversation and one ticket per staff thread are unique indexes: two replicas opening a
 * ticket for the same conversation at once cannot both succeed.
 */
import type { TicketChange, TicketStore } from '../../core/handoff/ports';
import type { Ticket, TicketAuthor, TicketMessage } from '../../core/handoff/ticket';
import { ticketColumns, toTicket, type TicketRow } from '../ticket-rows';
import { inTransaction, on, type PostgresPool } from './pool';

interface MessageRow {
  id: number;
  ticket_id: number;
  author: TicketAuthor;
  author_name: string | null;
  text: string;
  at: Date;
  [column: string]: unknown;
}

export function createPostgresTicketStore(pool: PostgresPool): TicketStore {
  const tickets = async (sql: string, values: readonly unknown[]): Promise<Ticket[]> =>
    (await on(pool).query<TicketRow & Record<string, unknown>>(sql, [...values])).rows.map(
      toTicket,
    );
  const first = async (sql: string, values: readonly unknown[]): Promise<Ticket | null> =>
    (await tickets(sql, values))[0] ?? null;
  const get = (id: string): Promise<Ticket | null> =>
    /^\d{1,15}$/.test(id)
      ? first('SELECT * FROM tickets WHERE id = $1', [Number(id)])
      : Promise.resolve(null);
  const mustGet = async (id: string): Promise<Ticket> => {
    const ticket = await get(id);
    if (!ticket) throw new Error(`no ticket ${id}`);
    return ticket;
  };

  return {
    atomically: (work) => inTransaction(pool, () => work()),
    async create(ticket) {
      const { rows } = await on(pool).query<{ id: number }>(
        `INSERT INTO tickets (channel, conversation_id, user_id, reference_json, locale, script, reason, status, repair, staff_target, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $10) RETURNING id`,
        [
          ticket.customer.channel,
          ticket.customer.conversationId,
          ticket.userId,
          ticket.reference === null ? null : JSON.stringify(ticket.reference),
          ticket.locale,
          ticket.script,
          ticket.reason,
          ticket.repair,
          ticket.staffTarget,
          ticket.at,
        ],
      );
      return mustGet(String(rows[0]!.id));
    },
    get,
    activeFor: (key) =>
      first(
        "SELECT * FROM tickets WHERE channel = $1 AND conversation_id = $2 AND status <> 'resolved'",
        [key.channel, key.conversationId],
      ),
    latestFor: (key) =>
      first(
        'SELECT * FROM tickets WHERE channel = $1 AND conversation_id = $2 ORDER BY id DESC LIMIT 1',
        [key.channel, key.conversationId],
      ),
    byThread: (target, threadId) =>
      first('SELECT * FROM tickets WHERE staff_target = $1 AND staff_thread = $2', [
        target,
        threadId,
      ]),
    list(filter = {}) {
      const limit = filter.limit ?? 100;
      return filter.status
        ? tickets('SELECT * FROM tickets WHERE status = $1 ORDER BY id DESC LIMIT $2', [
            filter.status,
            limit,
          ])
        : tickets('SELECT * FROM tickets ORDER BY id DESC LIMIT $1', [limit]);
    },
    async update(id, change, at) {
      const entries = Object.entries(change).filter(([, value]) => value !== undefined) as [
        keyof TicketChange,
        unknown,
      ][];
      const assignments = entries.map(
        ([field], index) => `${ticketColumns[field]} = $${index + 1}`,
      );
      await on(pool).query(
        `UPDATE tickets SET ${[...assignments, `updated_at = $${entries.length + 1}`].join(', ')} WHERE id = $${entries.length + 2}`,
        [...entries.map(([, value]) => value), at, Number(id)],
      );
      return mustGet(id);
    },
    async addMessage(ticketId, message) {
      const result = await on(pool).query(
        `INSERT INTO ticket_messages (ticket_id, author, author_name, source_id, text, at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [
          Number(ticketId),
          message.author,
          message.authorName ?? null,
          message.sourceId ?? null,
          message.text,
          message.at,
        ],
      );
      return result.rowCount === 1;
    },
    async messages(ticketId, limit = 1000) {
      const { rows } = await on(pool).query<MessageRow>(
        'SELECT * FROM (SELECT * FROM ticket_messages WHERE ticket_id = $1 ORDER BY id DESC LIMIT $2) last ORDER BY id',
        [Number(ticketId), limit],
      );
      return rows.map((row): TicketMessage => ({
        id: row.id,
        ticketId: String(row.ticket_id),
        author: row.author,
        authorName: row.author_name,
        text: row.text,
        at: row.at,
      }));
    },
    dueFollowUps: (now, limit) =>
      tickets(
        `SELECT * FROM tickets WHERE follow_up_due_at IS NOT NULL AND follow_up_sent_at IS NULL AND follow_up_due_at <= $1 AND status = 'resolved'
         ORDER BY follow_up_due_at, id LIMIT $2`,
        [now, limit],
      ),
    async claimFollowUp(id, at) {
      const result = await on(pool).query(
        'UPDATE tickets SET follow_up_sent_at = $1, updated_at = $1 WHERE id = $2 AND follow_up_sent_at IS NULL',
        [at, Number(id)],
      );
      return result.rowCount === 1;
    },
  };
}
