/**
 * TicketStore on SQLite: tickets and their transcript (migration 003). The hand-off jobs are the
 * `handoff` queue of the OutboxStore on the same connection (outbox-store.ts), which joins
 * `atomically` through the connection's gate.
 */
import type { TicketChange, TicketStore } from '../../core/handoff/ports';
import type { Ticket, TicketAuthor, TicketMessage } from '../../core/handoff/ticket';
import { ticketColumns, toTicket, type TicketRow } from '../ticket-rows';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './open-database';
import { gated, gateFor } from './gate';

interface MessageRow {
  id: number;
  ticket_id: number;
  author: TicketAuthor;
  author_name: string | null;
  text: string;
  at: string;
}

/** A `get` result: the ticket, or null when no row matched. */
const ticketOrNull = (row: unknown): Ticket | null =>
  row === undefined ? null : toTicket(row as TicketRow);

function columnValue(value: unknown): string | number | null {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  throw new TypeError(`unexpected ticket field value ${String(value)}`);
}

export function createSqliteTicketStore(db: SqliteDatabase): TicketStore {
  const insertTicket = db.prepare(
    `INSERT INTO tickets (channel, conversation_id, user_id, reference_json, locale, script, reason, status, repair, staff_target, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
  );
  const selectTicket = db.prepare('SELECT * FROM tickets WHERE id = ?');
  const selectActive = db.prepare(
    "SELECT * FROM tickets WHERE channel = ? AND conversation_id = ? AND status <> 'resolved'",
  );
  const selectLatest = db.prepare(
    'SELECT * FROM tickets WHERE channel = ? AND conversation_id = ? ORDER BY id DESC LIMIT 1',
  );
  const selectByThread = db.prepare(
    'SELECT * FROM tickets WHERE staff_target = ? AND staff_thread = ?',
  );
  const selectAll = db.prepare('SELECT * FROM tickets ORDER BY id DESC LIMIT ?');
  const selectByStatus = db.prepare(
    'SELECT * FROM tickets WHERE status = ? ORDER BY id DESC LIMIT ?',
  );
  const selectDueFollowUps = db.prepare(
    `SELECT * FROM tickets WHERE follow_up_due_at IS NOT NULL AND follow_up_sent_at IS NULL AND follow_up_due_at <= ? AND status = 'resolved'
     ORDER BY follow_up_due_at, id LIMIT ?`,
  );
  const claimFollowUp = db.prepare(
    'UPDATE tickets SET follow_up_sent_at = ?, updated_at = ? WHERE id = ? AND follow_up_sent_at IS NULL',
  );
  const insertMessage = db.prepare(
    `INSERT INTO ticket_messages (ticket_id, author, author_name, source_id, text, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const selectMessages = db.prepare(
    'SELECT * FROM (SELECT * FROM ticket_messages WHERE ticket_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
  );
  /** One UPDATE per set of changed columns, prepared the first time that set is used. */
  const updates = new Map<string, Statement>();
  const updateStatement = (fields: readonly (keyof TicketChange)[]): Statement => {
    const key = fields.join(',');
    let statement = updates.get(key);
    if (!statement) {
      const assignments = fields.map((field) => `${ticketColumns[field]} = ?`);
      statement = db.prepare(
        `UPDATE tickets SET ${[...assignments, 'updated_at = ?'].join(', ')} WHERE id = ?`,
      );
      updates.set(key, statement);
    }
    return statement;
  };

  const get = (id: string): Ticket | null => ticketOrNull(selectTicket.get(Number(id)));
  const mustGet = (id: string): Ticket => {
    const ticket = get(id);
    if (!ticket) throw new Error(`no ticket ${id}`);
    return ticket;
  };

  return {
    ...gated<Omit<TicketStore, 'atomically'>>(db, {
      create(ticket) {
        const at = ticket.at.toISOString();
        const result = insertTicket.run(
          ticket.customer.channel,
          ticket.customer.conversationId,
          ticket.userId,
          ticket.reference === null ? null : JSON.stringify(ticket.reference),
          ticket.locale,
          ticket.script,
          ticket.reason,
          ticket.repair ? 1 : 0,
          ticket.staffTarget,
          at,
          at,
        );
        return mustGet(String(result.lastInsertRowid));
      },
      get,
      activeFor: (key) => ticketOrNull(selectActive.get(key.channel, key.conversationId)),
      latestFor: (key) => ticketOrNull(selectLatest.get(key.channel, key.conversationId)),
      byThread: (target, threadId) => ticketOrNull(selectByThread.get(target, threadId)),
      list(filter = {}) {
        const limit = filter.limit ?? 100;
        const rows = (
          filter.status ? selectByStatus.all(filter.status, limit) : selectAll.all(limit)
        ) as TicketRow[];
        return rows.map(toTicket);
      },
      update(id, change, at) {
        const entries = Object.entries(change).filter(([, value]) => value !== undefined) as [
          keyof TicketChange,
          unknown,
        ][];
        updateStatement(entries.map(([field]) => field)).run(
          ...entries.map(([, value]) => columnValue(value)),
          at.toISOString(),
          Number(id),
        );
        return mustGet(id);
      },
      addMessage(ticketId, message) {
        const result = insertMessage.run(
          Number(ticketId),
          message.author,
          message.authorName ?? null,
          message.sourceId ?? null,
          message.text,
          message.at.toISOString(),
        );
        return result.changes === 1;
      },
      messages(ticketId, limit = 1000) {
        const rows = selectMessages.all(Number(ticketId), limit) as MessageRow[];
        return rows.map((row): TicketMessage => ({
          id: row.id,
          ticketId: String(row.ticket_id),
          author: row.author,
          authorName: row.author_name,
          text: row.text,
          at: new Date(row.at),
        }));
      },
      dueFollowUps(now, limit) {
        return (selectDueFollowUps.all(now.toISOString(), limit) as TicketRow[]).map(toTicket);
      },
      claimFollowUp(id, at) {
        const iso = at.toISOString();
        return claimFollowUp.run(iso, iso, Number(id)).changes === 1;
      },
    }),
    atomically: (work) => gateFor(db).atomically(work),
  };
}
/**
 * The serials of the units owned by the customer with this channel id, from the warranty tables
 * (migration 002: customer_channels, units); null when that database has no such tables.
 */
export function createSqliteCustomerSerials(
  db: SqliteDatabase,
): ((channel: string, userId: string) => string[]) | null {
  const tables = db
    .prepare(
      "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('customer_channels', 'units')",
    )
    .get() as { n: number };
  if (tables.n < 2) return null;
  const select = db.prepare(
    `SELECT u.serial FROM customer_channels c JOIN units u ON u.customer_id = c.customer_id
     WHERE c.channel = ? AND c.channel_user_id = ? ORDER BY u.purchase_date DESC, u.serial LIMIT 10`,
  );
  return (channel, userId) =>
    (select.all(channel, userId) as { serial: string }[]).map((row) => row.serial);
}
