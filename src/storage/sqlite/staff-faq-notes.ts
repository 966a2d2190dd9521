/**
 * Staff `!faq ID` notes in ticket threads, read as learned variants: the customer's latest
 * message before the note, in the ticket's language, is a question that entry answers.
 */
import type { LearnedVariant, StaffFaqNotesReader } from '../../suggestions/learn';
import type { SqliteDatabase } from './open-database';

/** A note with the question before it, as both backends read it. */
export interface StaffFaqNoteRow {
  id: number;
  text: string;
  at: string | Date;
  locale: string;
  question: string | null;
}

export function toLearnedVariants(rows: readonly StaffFaqNoteRow[]): LearnedVariant[] {
  return rows.flatMap((row) =>
    row.question
      ? [
          {
            faq: row.text.slice(5).trim(),
            locale: row.locale,
            text: row.question.trim(),
            at: new Date(row.at),
            sourceId: row.id,
          },
        ]
      : [],
  );
}

/** The StaffFaqNotesReader port on SQLite. */
export function createSqliteStaffFaqNotes(db: SqliteDatabase): StaffFaqNotesReader {
  return async () => readStaffFaqNotes(db);
}

export function readStaffFaqNotes(db: SqliteDatabase): LearnedVariant[] {
  const rows = db
    .prepare(
      `SELECT note.id, note.text, note.at, t.locale,
         (SELECT c.text FROM ticket_messages c WHERE c.ticket_id = note.ticket_id AND c.author = 'customer'
            AND c.id < note.id ORDER BY c.id DESC LIMIT 1) AS question
       FROM ticket_messages note JOIN tickets t ON t.id = note.ticket_id
       WHERE note.author = 'note' AND note.text LIKE '!faq %' ORDER BY note.id`,
    )
    .all() as StaffFaqNoteRow[];
  return toLearnedVariants(rows);
}
