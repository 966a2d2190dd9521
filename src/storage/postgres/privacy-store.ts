/**
 * PrivacyStore on PostgreSQL, the same requests as on SQLite (src/storage/sqlite/privacy-store.ts):
 * a person's data exported, or erased from every table in one transaction with its audit line (the
 * conversations' daily figures kept as aggregates), and the retention sweep (retention.ts). Erase
 * and retention take one transaction-level advisory lock, so that two replicas sweeping, or a
 * sweep and an erase, never add the same transcript lines to the aggregates twice.
 */
import type { PersonalData, PrivacyStore, TableCounts } from '../../core/privacy/ports';
import { auditSubject } from '../../core/privacy/ports';
import { isEmpty, type ResolvedPerson } from '../sqlite/privacy-person';
import type { Queryable } from './async-port';
import { createPostgresAuditLog } from './audit-suggestions';
import { keepDays, readConversationDays } from './conversation-days';
import { inTransaction, on, type PostgresPool } from './pool';
import { resolvePostgresPerson } from './privacy-person';
import { applyPostgresRetention, lockPrivacy } from './retention';

/** The rows another store holds about a person, and how it erases them (inside the transaction). */
export interface PostgresPersonalDataSection {
  readonly name: string;
  exportRows(person: ResolvedPerson): Promise<Record<string, unknown>[]>;
  erase(person: ResolvedPerson): Promise<TableCounts>;
}

type Row = Record<string, unknown>;

export function createPostgresPrivacyStore(
  pool: PostgresPool,
  sections: readonly PostgresPersonalDataSection[] = [],
): PrivacyStore {
  const audit = createPostgresAuditLog(pool);
  const rowsIn = async (
    table: string,
    column: string,
    values: readonly (string | number)[],
    order: string,
  ): Promise<Row[]> =>
    values.length === 0
      ? []
      : (
          await on(pool).query<Row>(
            `SELECT * FROM ${table} WHERE ${column} = ANY($1) ORDER BY ${order}`,
            [values],
          )
        ).rows;

  const exportPerson = async (person: ResolvedPerson): Promise<PersonalData> => {
    const units = await Promise.all(
      (await rowsIn('units', 'customer_id', person.customerIds, 'serial')).map(async (unit) => ({
        ...unit,
        history: await rowsIn('unit_history', 'serial', [String(unit.serial)], 'id'),
      })),
    );
    const tickets = await Promise.all(
      (await rowsIn('tickets', 'id', person.ticketIds, 'id')).map(async (ticket): Promise<Row> => ({
        ...ticket,
        messages: await rowsIn('ticket_messages', 'ticket_id', [Number(ticket.id)], 'id'),
      })),
    );
    const conversations = await Promise.all(
      person.conversations.map(async (key) => {
        const args = [key.channel, key.conversationId];
        const conversation = await on(pool).query<Row>(
          `SELECT channel, conversation_id AS "conversationId", user_id AS "userId", locale,
                  state_json AS state, created_at AS "createdAt", updated_at AS "updatedAt"
           FROM conversations WHERE channel = $1 AND conversation_id = $2`,
          args,
        );
        const messages = await on(pool).query<Row>(
          `SELECT id, direction, message_id AS "messageId", text, locale, intent, faq, confidence, kind, at
           FROM messages WHERE channel = $1 AND conversation_id = $2 ORDER BY id`,
          args,
        );
        return { ...(conversation.rows[0] ?? key), messages: messages.rows };
      }),
    );
    const more: Record<string, Row[]> = {};
    for (const section of sections) more[section.name] = await section.exportRows(person);
    return {
      customers: await rowsIn('customers', 'id', person.customerIds, 'id'),
      channelIds: person.identities,
      units,
      conversations,
      tickets,
      ratings: tickets
        .filter((ticket) => ticket.satisfaction !== null)
        .map((ticket) => ({
          ticketId: ticket.id,
          score: ticket.satisfaction,
          comment: ticket.satisfaction_comment,
          at: ticket.resolved_at,
        })),
      more,
    };
  };

  const erase = async (db: Queryable, person: ResolvedPerson, at: Date): Promise<TableCounts> => {
    const counts: Record<string, number> = {};
    const add = (table: string, changes: number | null): void => {
      counts[table] = (counts[table] ?? 0) + (changes ?? 0);
    };
    const run = async (table: string, sql: string, values: readonly unknown[]): Promise<void> => {
      add(table, (await db.query(sql, values)).rowCount);
    };
    await forgetLearnedVariants(db, person, add);
    for (const key of person.conversations) {
      const args = [key.channel, key.conversationId];
      // The report keeps counting the conversation (day, channel, language, hand-off), not who had it.
      await keepDays(db, await readConversationDays(db, { conversation: key }));
      await run(
        'messages',
        'DELETE FROM messages WHERE channel = $1 AND conversation_id = $2',
        args,
      );
      await run(
        'conversation_refs',
        'DELETE FROM conversation_refs WHERE channel = $1 AND conversation_id = $2',
        args,
      );
      await run(
        'conversations',
        'DELETE FROM conversations WHERE channel = $1 AND conversation_id = $2',
        args,
      );
      // The channel's outbox keeps undelivered replies in the conversation's lane.
      await run('outbox', 'DELETE FROM outbox WHERE queue = $1 AND lane = $2', args);
    }
    for (const id of person.ticketIds) {
      await keepFirstStaffReply(db, id);
      await run('ticket_messages', 'DELETE FROM ticket_messages WHERE ticket_id = $1', [id]);
      await run(
        'outbox',
        `DELETE FROM outbox WHERE queue = 'handoff' AND job_json::jsonb ->> 'ticketId' = $1`,
        [String(id)],
      );
      // The ticket stays for the report (reason, language, times, score), with nothing that names the person.
      await run(
        'tickets (anonymised)',
        `UPDATE tickets SET user_id = '', conversation_id = 'erased:' || id, reference_json = NULL,
           satisfaction_comment = NULL, comment_until = NULL, follow_up_due_at = NULL,
           status = 'resolved', resolved_at = coalesce(resolved_at, $1), updated_at = $1 WHERE id = $2`,
        [at, id],
      );
    }
    // Replies waiting in a chat keyed by the person's own id (a private chat, a phone number),
    // also once the retention sweep has deleted the conversation that named it.
    for (const identity of person.identities)
      await run('outbox', `DELETE FROM outbox WHERE queue = $1 AND lane = $2`, [
        identity.channel,
        identity.userId,
      ]);
    for (const section of sections)
      for (const [table, changes] of Object.entries(await section.erase(person)))
        add(table, changes);
    for (const id of person.customerIds) {
      // The unit stays (its warranty follows the product), no longer linked to anyone.
      await run(
        'units (unlinked)',
        'UPDATE units SET customer_id = NULL, updated_at = $1 WHERE customer_id = $2',
        [at, id],
      );
      await run('customer_channels', 'DELETE FROM customer_channels WHERE customer_id = $1', [id]);
      await run('customers', 'DELETE FROM customers WHERE id = $1', [id]);
    }
    return counts;
  };

  return {
    async exportPerson(selector) {
      const person = await resolvePostgresPerson(on(pool), selector);
      return isEmpty(person) ? null : exportPerson(person);
    },
    async erasePerson(selector, actor) {
      return inTransaction(pool, async (client) => {
        await lockPrivacy(client);
        const person = await resolvePostgresPerson(client, selector);
        if (isEmpty(person)) return null;
        const counts = await erase(client, person, actor.at);
        await audit.record({
          ...actor,
          action: 'erase',
          subject: auditSubject(selector, person.customerIds),
          detail: { selector: selector.kind, counts },
        });
        return counts;
      });
    },
    async applyRetention(cutoff, actor) {
      return applyPostgresRetention(pool, cutoff, actor);
    },
  };
}

/** Keeps the time of the first staff reply on the ticket before its transcript goes. */
export async function keepFirstStaffReply(db: Queryable, ticketId: number): Promise<void> {
  await db.query(
    `UPDATE tickets SET first_staff_reply_at = coalesce(first_staff_reply_at,
       (SELECT min(at) FROM ticket_messages WHERE ticket_id = tickets.id AND author = 'staff'))
     WHERE id = $1`,
    [ticketId],
  );
}

/**
 * Question variants learned from the person's own words: a variant only they asked goes; one
 * others asked too stays, counted once less. Their source markers go with the transcript lines.
 */
async function forgetLearnedVariants(
  db: Queryable,
  person: ResolvedPerson,
  add: (table: string, changes: number | null) => void,
): Promise<void> {
  const texts = new Set<string>();
  const sources: [string, number][] = [];
  for (const key of person.conversations) {
    const { rows } = await db.query<{ id: number; text: string }>(
      `SELECT id, text FROM messages WHERE channel = $1 AND conversation_id = $2 AND direction = 'in' ORDER BY id`,
      [key.channel, key.conversationId],
    );
    for (const row of rows) {
      texts.add(row.text.replace(/\s\[[^\]\s]+\]$/, '').trim());
      sources.push(['clarify', row.id]);
    }
  }
  for (const id of person.ticketIds) {
    const { rows } = await db.query<{ id: number; author: string; text: string }>(
      'SELECT id, author, text FROM ticket_messages WHERE ticket_id = $1 ORDER BY id',
      [id],
    );
    for (const row of rows) {
      if (row.author === 'customer') texts.add(row.text.trim());
      sources.push(['staff', row.id]);
    }
  }
  for (const [source, id] of sources)
    add(
      'suggestion_sources',
      (
        await db.query('DELETE FROM suggestion_sources WHERE source = $1 AND source_id = $2', [
          source,
          id,
        ])
      ).rowCount,
    );
  for (const text of texts) {
    add(
      'suggestions',
      (await db.query('DELETE FROM suggestions WHERE text = $1 AND seen <= 1', [text])).rowCount,
    );
    await db.query('UPDATE suggestions SET seen = seen - 1 WHERE text = $1 AND seen > 1', [text]);
  }
}
