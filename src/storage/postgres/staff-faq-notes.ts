/**
 * Staff `!faq ID` notes read as learned variants on PostgreSQL, as on SQLite
 * (src/storage/sqlite/staff-faq-notes.ts). SQLite's LIKE ignores ASCII case, hence ILIKE here:
 * `!FAQ id` counts on both.
 */
import type { StaffFaqNotesReader } from '../../suggestions/learn';
import { toLearnedVariants, type StaffFaqNoteRow } from '../sqlite/staff-faq-notes';
import { on, type PostgresPool } from './pool';

export function createPostgresStaffFaqNotes(pool: PostgresPool): StaffFaqNotesReader {
  return async () => {
    const { rows } = await on(pool).query<StaffFaqNoteRow & Record<string, unknown>>(
      `SELECT note.id, note.text, note.at, t.locale,
         (SELECT c.text FROM ticket_messages c WHERE c.ticket_id = note.ticket_id AND c.author = 'customer'
            AND c.id < note.id ORDER BY c.id DESC LIMIT 1) AS question
       FROM ticket_messages note JOIN tickets t ON t.id = note.ticket_id
       WHERE note.author = 'note' AND note.text ILIKE '!faq %' ORDER BY note.id`,
    );
    return toLearnedVariants(rows);
  };
}
