/** The StaffFaqNotesReader contract on a SQLite file and on PostgreSQL. */
import path from 'node:path';
import { createPostgresStaffFaqNotes } from '../../src/storage/postgres/staff-faq-notes';
import { createPostgresTicketStore } from '../../src/storage/postgres/ticket-store';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteStaffFaqNotes } from '../../src/storage/sqlite/staff-faq-notes';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runStaffFaqNotesContract } from './staff-faq-notes.contract';

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(removeTempDirs);

runStaffFaqNotesContract('SQLite', () => {
  const db = openDatabase(path.join(makeTempDir('aftercare-faq-notes-'), 'aftercare.db'));
  opened.push(db);
  return { notes: createSqliteStaffFaqNotes(db), tickets: createSqliteTicketStore(db) };
});

const database = postgresTestDatabase();
describePostgres('PostgreSQL', () => {
  runStaffFaqNotesContract('PostgreSQL', async () => {
    const pool = await database.fresh();
    return {
      notes: createPostgresStaffFaqNotes(pool),
      tickets: createPostgresTicketStore(pool),
    };
  });
});
