/** The ConversationDays contract on a SQLite file and on PostgreSQL. */
import path from 'node:path';
import { createPostgresConversationDays } from '../../src/storage/postgres/conversation-days';
import { createPostgresConversationStore } from '../../src/storage/postgres/conversation-store';
import { inTransaction } from '../../src/storage/postgres/pool';
import { createSqliteConversationDays } from '../../src/storage/sqlite/conversation-days';
import { createSqliteConversationStore } from '../../src/storage/sqlite/conversation-store';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runConversationDaysContract } from './conversation-days.contract';

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(removeTempDirs);

runConversationDaysContract('SQLite', () => {
  const db = openDatabase(path.join(makeTempDir('aftercare-days-'), 'aftercare.db'));
  opened.push(db);
  return {
    days: createSqliteConversationDays(db),
    conversations: createSqliteConversationStore(db),
    // SQLite stores UTC ISO text: there is no session time zone.
    inOtherTimeZone: (work) => work(),
  };
});

const database = postgresTestDatabase();
describePostgres('PostgreSQL', () => {
  runConversationDaysContract('PostgreSQL', async () => {
    const pool = await database.fresh();
    return {
      days: createPostgresConversationDays(pool),
      conversations: createPostgresConversationStore(pool),
      // The store's queries join this transaction (on(pool)), whose session is in Tehran (UTC+3:30).
      inOtherTimeZone: (work) =>
        inTransaction(pool, async (client) => {
          await client.query("SET LOCAL TIME ZONE 'Asia/Tehran'");
          return work();
        }),
    };
  });
});
