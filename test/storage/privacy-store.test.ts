/** The PrivacyStore contract on a SQLite file and on PostgreSQL. */
import path from 'node:path';
import {
  createPostgresAuditLog,
  createPostgresSuggestionStore,
} from '../../src/storage/postgres/audit-suggestions';
import { createPostgresCasePrivacySection } from '../../src/storage/postgres/case-privacy';
import { createPostgresCaseStore } from '../../src/storage/postgres/case-store';
import { createPostgresConversationStore } from '../../src/storage/postgres/conversation-store';
import { createPostgresOutboxStore } from '../../src/storage/postgres/outbox-store';
import type { PostgresPool } from '../../src/storage/postgres/pool';
import { createPostgresPrivacyStore } from '../../src/storage/postgres/privacy-store';
import { createPostgresReportFigures } from '../../src/storage/postgres/report-figures';
import { createPostgresTicketStore } from '../../src/storage/postgres/ticket-store';
import { createPostgresUnitStore } from '../../src/storage/postgres/unit-store';
import { createSqliteAuditLog } from '../../src/storage/sqlite/audit-log';
import { casePrivacySection } from '../../src/storage/sqlite/case-privacy';
import { createSqliteCaseStore } from '../../src/storage/sqlite/case-store';
import { createSqliteConversationStore } from '../../src/storage/sqlite/conversation-store';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../src/storage/sqlite/outbox-store';
import { createSqlitePrivacyStore } from '../../src/storage/sqlite/privacy-store';
import { createSqliteReportFigures } from '../../src/storage/sqlite/report-figures';
import { createSqliteSuggestionStore } from '../../src/storage/sqlite/suggestion-store';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { createSqliteUnitStore } from '../../src/storage/sqlite/unit-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runPrivacyStoreContract } from './privacy-store.contract';
import { dumpPostgres, dumpSqlite } from './support/dump-tables';

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(removeTempDirs);

runPrivacyStoreContract('SQLite', () => {
  const db = openDatabase(path.join(makeTempDir('aftercare-privacy-'), 'aftercare.db'));
  opened.push(db);
  return {
    privacy: createSqlitePrivacyStore(db, [casePrivacySection(db)]),
    audit: createSqliteAuditLog(db),
    figures: createSqliteReportFigures(db),
    units: createSqliteUnitStore(db),
    conversations: createSqliteConversationStore(db),
    tickets: createSqliteTicketStore(db),
    cases: createSqliteCaseStore(db),
    outbox: createSqliteOutboxStore(db),
    suggestions: createSqliteSuggestionStore(db),
    dump: async () => dumpSqlite(db),
    async refuseCustomerDelete() {
      db.exec(
        "CREATE TRIGGER refuse BEFORE DELETE ON customers BEGIN SELECT RAISE(ABORT, 'refused'); END",
      );
    },
  };
});

const database = postgresTestDatabase();
describePostgres('PostgreSQL', () => {
  runPrivacyStoreContract('PostgreSQL', async () => {
    const pool: PostgresPool = await database.fresh();
    await pool.query('DROP TRIGGER IF EXISTS refuse ON customers');
    return {
      privacy: createPostgresPrivacyStore(pool, [createPostgresCasePrivacySection(pool)]),
      audit: createPostgresAuditLog(pool),
      figures: createPostgresReportFigures(pool),
      units: createPostgresUnitStore(pool),
      conversations: createPostgresConversationStore(pool),
      tickets: createPostgresTicketStore(pool),
      cases: createPostgresCaseStore(pool),
      outbox: createPostgresOutboxStore(pool, 'r1'),
      suggestions: createPostgresSuggestionStore(pool),
      dump: () => dumpPostgres(pool),
      async refuseCustomerDelete() {
        await pool.query(`CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'refused'; END $$`);
        await pool.query(
          'CREATE TRIGGER refuse BEFORE DELETE ON customers FOR EACH ROW EXECUTE FUNCTION refuse()',
        );
      },
    };
  });
});
