/**
 * PrivacyStore on SQLite: a person's data exported as JSON, or erased from every table in one
 * transaction (the audit line included; the conversations' daily figures kept as aggregates), and the retention sweep (retention.ts). Tables other
 * stores own (service cases) join through `sections`, so a new store adds its rows to both.
 */
import type { PersonalData, PrivacyStore, TableCounts } from '../../core/privacy/ports';
import { auditSubject } from '../../core/privacy/ports';
import { insertAuditEntry } from './audit-log';
import { keepDays, readConversationDays } from './conversation-days';
import type { SqliteDatabase } from './open-database';
import { isEmpty, resolvePerson, type ResolvedPerson } from './privacy-person';
import { applyRetention } from './retention';
import { gateAll } from './gate';

/** The rows another store holds about a person, and how it erases them (inside the transaction). */
export interface PersonalDataSection {
  readonly name: string;
  exportRows(person: ResolvedPerson): Record<string, unknown>[];
  erase(person: ResolvedPerson): TableCounts;
}

const placeholders = (count: number): string => Array(count).fill('?').join(', ');

export function createSqlitePrivacyStore(
  db: SqliteDatabase,
  sections: readonly PersonalDataSection[] = [],
): PrivacyStore {
  const rowsIn = (table: string, column: string, values: readonly (string | number)[]) =>
    values.length === 0
      ? []
      : (db
          .prepare(`SELECT * FROM ${table} WHERE ${column} IN (${placeholders(values.length)})`)
          .all(...values) as Record<string, unknown>[]);
  const messagesOf = db.prepare(
    `SELECT id, direction, message_id AS messageId, text, locale, intent, faq, confidence, kind, at
     FROM messages WHERE channel = ? AND conversation_id = ? ORDER BY id`,
  );
  const conversationRow = db.prepare(
    'SELECT channel, conversation_id AS conversationId, user_id AS userId, locale, state_json AS state, created_at AS createdAt, updated_at AS updatedAt FROM conversations WHERE channel = ? AND conversation_id = ?',
  );

  const exportPerson = (person: ResolvedPerson): PersonalData => {
    const units = rowsIn('units', 'customer_id', person.customerIds).map((unit) => ({
      ...unit,
      history: rowsIn('unit_history', 'serial', [String(unit.serial)]),
    }));
    const tickets = rowsIn('tickets', 'id', person.ticketIds).map(
      (ticket): Record<string, unknown> => ({
        ...ticket,
        messages: rowsIn('ticket_messages', 'ticket_id', [Number(ticket.id)]),
      }),
    );
    return {
      customers: rowsIn('customers', 'id', person.customerIds),
      channelIds: person.identities,
      units,
      conversations: person.conversations.map((key) => ({
        ...((conversationRow.get(key.channel, key.conversationId) as object | undefined) ?? key),
        messages: messagesOf.all(key.channel, key.conversationId),
      })),
      tickets,
      ratings: tickets
        .filter((ticket) => ticket.satisfaction !== null)
        .map((ticket) => ({
          ticketId: ticket.id,
          score: ticket.satisfaction,
          comment: ticket.satisfaction_comment,
          at: ticket.resolved_at,
        })),
      more: Object.fromEntries(
        sections.map((section) => [section.name, section.exportRows(person)]),
      ),
    };
  };

  const erase = db.transaction((person: ResolvedPerson, at: Date): TableCounts => {
    const counts: Record<string, number> = {};
    const add = (table: string, changes: number): void => {
      counts[table] = (counts[table] ?? 0) + changes;
    };
    forgetLearnedVariants(db, person, add);
    for (const key of person.conversations) {
      const args = [key.channel, key.conversationId];
      // The report keeps counting the conversation (day, channel, language, hand-off), not who had it.
      keepDays(db, readConversationDays(db, { conversation: key }));
      add(
        'messages',
        db.prepare('DELETE FROM messages WHERE channel = ? AND conversation_id = ?').run(...args)
          .changes,
      );
      add(
        'conversation_refs',
        db
          .prepare('DELETE FROM conversation_refs WHERE channel = ? AND conversation_id = ?')
          .run(...args).changes,
      );
      add(
        'conversations',
        db
          .prepare('DELETE FROM conversations WHERE channel = ? AND conversation_id = ?')
          .run(...args).changes,
      );
      // The channel's outbox keeps undelivered replies in the conversation's lane.
      add(
        'outbox',
        db.prepare('DELETE FROM outbox WHERE queue = ? AND lane = ?').run(...args).changes,
      );
    }
    const iso = at.toISOString();
    for (const id of person.ticketIds) {
      keepFirstStaffReply(db, id);
      add(
        'ticket_messages',
        db.prepare('DELETE FROM ticket_messages WHERE ticket_id = ?').run(id).changes,
      );
      add(
        'outbox',
        db
          .prepare(
            `DELETE FROM outbox WHERE queue = 'handoff' AND json_extract(job_json, '$.ticketId') = ?`,
          )
          .run(String(id)).changes,
      );
      // The ticket stays for the report (reason, language, times, score), with nothing that names the person.
      add(
        'tickets (anonymised)',
        db
          .prepare(
            `UPDATE tickets SET user_id = '', conversation_id = 'erased:' || id, reference_json = NULL,
               satisfaction_comment = NULL, comment_until = NULL, follow_up_due_at = NULL,
               status = 'resolved', resolved_at = coalesce(resolved_at, ?), updated_at = ? WHERE id = ?`,
          )
          .run(iso, iso, id).changes,
      );
    }
    // Replies waiting in a chat keyed by the person's own id (a private chat, a phone number),
    // also once the retention sweep has deleted the conversation that named it.
    for (const identity of person.identities)
      add(
        'outbox',
        db
          .prepare(`DELETE FROM outbox WHERE queue = ? AND lane = ?`)
          .run(identity.channel, identity.userId).changes,
      );
    for (const section of sections)
      for (const [table, changes] of Object.entries(section.erase(person))) add(table, changes);
    for (const id of person.customerIds) {
      // The unit stays (its warranty follows the product), no longer linked to anyone.
      add(
        'units (unlinked)',
        db
          .prepare('UPDATE units SET customer_id = NULL, updated_at = ? WHERE customer_id = ?')
          .run(iso, id).changes,
      );
      add(
        'customer_channels',
        db.prepare('DELETE FROM customer_channels WHERE customer_id = ?').run(id).changes,
      );
      add('customers', db.prepare('DELETE FROM customers WHERE id = ?').run(id).changes);
    }
    return counts;
  });

  return gateAll<PrivacyStore>(db, {
    async exportPerson(selector) {
      const person = resolvePerson(db, selector);
      return isEmpty(person) ? null : exportPerson(person);
    },
    async erasePerson(selector, audit) {
      const person = resolvePerson(db, selector);
      if (isEmpty(person)) return null;
      return db.transaction(() => {
        const counts = erase(person, audit.at);
        insertAuditEntry(db, {
          ...audit,
          action: 'erase',
          subject: auditSubject(selector, person.customerIds),
          detail: { selector: selector.kind, counts },
        });
        return counts;
      })();
    },
    async applyRetention(cutoff, audit) {
      return applyRetention(db, cutoff, audit);
    },
  });
}

/** Keeps the time of the first staff reply on the ticket before its transcript goes. */
export function keepFirstStaffReply(db: SqliteDatabase, ticketId: number): void {
  db.prepare(
    `UPDATE tickets SET first_staff_reply_at = coalesce(first_staff_reply_at,
       (SELECT min(at) FROM ticket_messages WHERE ticket_id = tickets.id AND author = 'staff'))
     WHERE id = ?`,
  ).run(ticketId);
}

/**
 * Question variants learned from the person's own words: a variant only they asked goes; one
 * others asked too stays, counted once less. Their source markers go with the transcript lines.
 */
function forgetLearnedVariants(
  db: SqliteDatabase,
  person: ResolvedPerson,
  add: (table: string, changes: number) => void,
): void {
  const texts = new Set<string>();
  const sources: [string, number][] = [];
  const conversationLines = db.prepare(
    `SELECT id, text FROM messages WHERE channel = ? AND conversation_id = ? AND direction = 'in'`,
  );
  for (const key of person.conversations)
    for (const row of conversationLines.all(key.channel, key.conversationId) as {
      id: number;
      text: string;
    }[]) {
      texts.add(row.text.replace(/\s\[[^\]\s]+\]$/, '').trim());
      sources.push(['clarify', row.id]);
    }
  const ticketLines = db.prepare(
    `SELECT id, author, text FROM ticket_messages WHERE ticket_id = ?`,
  );
  for (const id of person.ticketIds)
    for (const row of ticketLines.all(id) as { id: number; author: string; text: string }[]) {
      if (row.author === 'customer') texts.add(row.text.trim());
      sources.push(['staff', row.id]);
    }
  const dropSource = db.prepare(
    'DELETE FROM suggestion_sources WHERE source = ? AND source_id = ?',
  );
  for (const [source, id] of sources) add('suggestion_sources', dropSource.run(source, id).changes);
  const dropOnly = db.prepare('DELETE FROM suggestions WHERE text = ? AND seen <= 1');
  const countDown = db.prepare(
    'UPDATE suggestions SET seen = seen - 1 WHERE text = ? AND seen > 1',
  );
  for (const text of texts) {
    add('suggestions', dropOnly.run(text).changes);
    countDown.run(text);
  }
}
