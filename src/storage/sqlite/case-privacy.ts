/**
 * Service cases in privacy requests: a person's cases (by their customer record, their channel
 * ids or their conversations) are exported with their status history and notes, and on erase the
 * case stays as a record of the unit's repair (kind, status, dates, serial) with nothing left that
 * names or reaches the person: the conversation, user id, reference, customer link, description
 * the notes and the case's pending notices go; history lines keep their status and time without a note.
 */
import type { SqliteDatabase } from './open-database';
import type { ResolvedPerson } from './privacy-person';
import type { PersonalDataSection } from './privacy-store';

function caseIdsOf(db: SqliteDatabase, person: ResolvedPerson): string[] {
  const ids = new Set<string>();
  const byCustomer = db.prepare('SELECT id FROM service_cases WHERE customer_id = ?');
  const byConversation = db.prepare(
    'SELECT id FROM service_cases WHERE channel = ? AND conversation_id = ?',
  );
  const byUser = db.prepare('SELECT id FROM service_cases WHERE channel = ? AND user_id = ?');
  const add = (rows: unknown[]) => {
    for (const row of rows as { id: string }[]) ids.add(row.id);
  };
  for (const customerId of person.customerIds) add(byCustomer.all(String(customerId)));
  for (const key of person.conversations) add(byConversation.all(key.channel, key.conversationId));
  for (const identity of person.identities) add(byUser.all(identity.channel, identity.userId));
  return [...ids].sort();
}

export function casePrivacySection(db: SqliteDatabase): PersonalDataSection {
  const caseRow = db.prepare('SELECT * FROM service_cases WHERE id = ?');
  const historyOf = db.prepare('SELECT * FROM service_case_history WHERE case_id = ? ORDER BY id');
  const notesOf = db.prepare('SELECT * FROM service_case_notes WHERE case_id = ? ORDER BY id');
  const deleteNotices = db.prepare(
    `DELETE FROM outbox WHERE queue = 'cases' AND json_extract(job_json, '$.caseId') = ?`,
  );
  const deleteNotes = db.prepare('DELETE FROM service_case_notes WHERE case_id = ?');
  const clearHistoryNotes = db.prepare(
    'UPDATE service_case_history SET note = NULL WHERE case_id = ? AND note IS NOT NULL',
  );
  const anonymise = db.prepare(
    `UPDATE service_cases SET channel = NULL, conversation_id = NULL, user_id = NULL,
       reference_json = NULL, customer_id = NULL, description = NULL, external_ref = NULL
     WHERE id = ?`,
  );
  return {
    name: 'cases',
    exportRows(person) {
      return caseIdsOf(db, person).map((id) => ({
        ...(caseRow.get(id) as Record<string, unknown>),
        history: historyOf.all(id),
        notes: notesOf.all(id),
      }));
    },
    erase(person) {
      const ids = caseIdsOf(db, person);
      let anonymised = 0;
      let notes = 0;
      let history = 0;
      let jobs = 0;
      for (const id of ids) {
        // Pending notices to the customer (and staff lines about the case) would reach them again.
        jobs += deleteNotices.run(id).changes;
        notes += deleteNotes.run(id).changes;
        history += clearHistoryNotes.run(id).changes;
        anonymised += anonymise.run(id).changes;
      }
      return {
        'service_cases (anonymised)': anonymised,
        service_case_notes: notes,
        'service_case_history (notes removed)': history,
        'outbox (case notices)': jobs,
      };
    },
  };
}
