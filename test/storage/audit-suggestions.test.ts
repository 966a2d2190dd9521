/** AuditLog and SuggestionStore: the shared contract on SQLite (temp files) and on PostgreSQL. */
import path from 'node:path';
import {
  createPostgresAuditLog,
  createPostgresSuggestionStore,
} from '../../src/storage/postgres/audit-suggestions';
import { createSqliteAuditLog } from '../../src/storage/sqlite/audit-log';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteSuggestionStore } from '../../src/storage/sqlite/suggestion-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runAuditSuggestionsContract } from './audit-suggestions.contract';

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(removeTempDirs);

runAuditSuggestionsContract('SQLite', () => {
  const db = openDatabase(path.join(makeTempDir('aftercare-audit-'), 'aftercare.db'));
  opened.push(db);
  return { audit: createSqliteAuditLog(db), suggestions: createSqliteSuggestionStore(db) };
});

const database = postgresTestDatabase();
describePostgres('PostgreSQL', () => {
  runAuditSuggestionsContract('PostgreSQL', async () => {
    const pool = await database.fresh();
    return {
      audit: createPostgresAuditLog(pool),
      suggestions: createPostgresSuggestionStore(pool),
    };
  });
});
