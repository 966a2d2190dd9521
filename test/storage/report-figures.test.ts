/** The ReportFiguresReader contract on a SQLite file and on PostgreSQL. */
import path from 'node:path';
import { createPostgresConversationDays } from '../../src/storage/postgres/conversation-days';
import { createPostgresConversationStore } from '../../src/storage/postgres/conversation-store';
import { createPostgresReportFigures } from '../../src/storage/postgres/report-figures';
import { createPostgresTicketStore } from '../../src/storage/postgres/ticket-store';
import { createSqliteConversationDays } from '../../src/storage/sqlite/conversation-days';
import { createSqliteConversationStore } from '../../src/storage/sqlite/conversation-store';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteReportFigures } from '../../src/storage/sqlite/report-figures';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runReportFiguresContract } from './report-figures.contract';

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(removeTempDirs);

runReportFiguresContract('SQLite', () => {
  const db = openDatabase(path.join(makeTempDir('aftercare-report-'), 'aftercare.db'));
  opened.push(db);
  return {
    figures: createSqliteReportFigures(db),
    days: createSqliteConversationDays(db),
    tickets: createSqliteTicketStore(db),
    conversations: createSqliteConversationStore(db),
  };
});

const database = postgresTestDatabase();
describePostgres('PostgreSQL', () => {
  runReportFiguresContract('PostgreSQL', async () => {
    const pool = await database.fresh();
    return {
      figures: createPostgresReportFigures(pool),
      days: createPostgresConversationDays(pool),
      tickets: createPostgresTicketStore(pool),
      conversations: createPostgresConversationStore(pool),
    };
  });
});
