/** The /metrics figures contract on a SQLite file and on PostgreSQL. */
import path from 'node:path';
import { createPostgresCaseStore } from '../../src/storage/postgres/case-store';
import { createPostgresMetricsFigures } from '../../src/storage/postgres/metrics-figures';
import { createPostgresOutboxStore } from '../../src/storage/postgres/outbox-store';
import { createPostgresTicketStore } from '../../src/storage/postgres/ticket-store';
import { createSqliteCaseStore } from '../../src/storage/sqlite/case-store';
import { createSqliteMetricsFigures } from '../../src/storage/sqlite/metrics-figures';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../src/storage/sqlite/outbox-store';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runMetricsFiguresContract } from './metrics-figures.contract';

const databases: SqliteDatabase[] = [];
afterAll(() => {
  for (const db of databases) db.close();
  removeTempDirs();
});

runMetricsFiguresContract('SQLite', () => {
  const db = openDatabase(path.join(makeTempDir('aftercare-figures-'), 'aftercare.db'));
  databases.push(db);
  return {
    figures: createSqliteMetricsFigures(db),
    outbox: createSqliteOutboxStore(db),
    tickets: createSqliteTicketStore(db),
    cases: createSqliteCaseStore(db),
  };
});

const database = postgresTestDatabase();
describePostgres('PostgreSQL', () => {
  runMetricsFiguresContract('PostgreSQL', async () => {
    const pool = await database.fresh();
    return {
      figures: createPostgresMetricsFigures(pool),
      outbox: createPostgresOutboxStore(pool, 'r1'),
      tickets: createPostgresTicketStore(pool),
      cases: createPostgresCaseStore(pool),
    };
  });
});
