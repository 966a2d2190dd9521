/**
 * Service cases in privacy requests on PostgreSQL, as on SQLite (src/storage/sqlite/case-privacy.ts):
 * a person's cases are exported with their history and notes; on erase the case stays as the
 * unit's repair record with nothing that names or reaches the person.
 */
import type { ResolvedPerson } from '../sqlite/privacy-person';
import type { Queryable } from './async-port';
import { on, type PostgresPool } from './pool';
import type { PostgresPersonalDataSection } from './privacy-store';

async function caseIdsOf(db: Queryable, person: ResolvedPerson): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM service_cases WHERE customer_id = ANY($1::text[])
     UNION SELECT c.id FROM service_cases c
       JOIN unnest($2::text[], $3::text[]) AS k (channel, conversation_id)
       ON c.channel = k.channel AND c.conversation_id = k.conversation_id
     UNION SELECT c.id FROM service_cases c
       JOIN unnest($4::text[], $5::text[]) AS u (channel, user_id)
       ON c.channel = u.channel AND c.user_id = u.user_id`,
    [
      person.customerIds.map(String),
      person.conversations.map((key) => key.channel),
      person.conversations.map((key) => key.conversationId),
      person.identities.map((identity) => identity.channel),
      person.identities.map((identity) => identity.userId),
    ],
  );
  return rows.map((row) => row.id).sort();
}

export function createPostgresCasePrivacySection(pool: PostgresPool): PostgresPersonalDataSection {
  return {
    name: 'cases',
    async exportRows(person) {
      const db = on(pool);
      const cases: Record<string, unknown>[] = [];
      for (const id of await caseIdsOf(db, person)) {
        const [row, history, notes] = await Promise.all([
          db.query('SELECT * FROM service_cases WHERE id = $1', [id]),
          db.query('SELECT * FROM service_case_history WHERE case_id = $1 ORDER BY id', [id]),
          db.query('SELECT * FROM service_case_notes WHERE case_id = $1 ORDER BY id', [id]),
        ]);
        cases.push({ ...row.rows[0], history: history.rows, notes: notes.rows });
      }
      return cases;
    },
    async erase(person) {
      const db = on(pool);
      const ids = await caseIdsOf(db, person);
      const changes = async (sql: string): Promise<number> =>
        (await db.query(sql, [ids])).rowCount ?? 0;
      return {
        // Pending notices to the customer (and staff lines about the case) would reach them again.
        'outbox (case notices)': await changes(
          `DELETE FROM outbox WHERE queue = 'cases' AND job_json::jsonb ->> 'caseId' = ANY($1)`,
        ),
        service_case_notes: await changes('DELETE FROM service_case_notes WHERE case_id = ANY($1)'),
        'service_case_history (notes removed)': await changes(
          'UPDATE service_case_history SET note = NULL WHERE case_id = ANY($1) AND note IS NOT NULL',
        ),
        'service_cases (anonymised)': await changes(
          `UPDATE service_cases SET channel = NULL, conversation_id = NULL, user_id = NULL,
             reference_json = NULL, customer_id = NULL, description = NULL, external_ref = NULL
           WHERE id = ANY($1)`,
        ),
      };
    },
  };
}
