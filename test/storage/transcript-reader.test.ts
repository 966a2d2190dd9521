/** The TranscriptReader contract on a SQLite file and on PostgreSQL. */
import path from 'node:path';
import { createPostgresConversationStore } from '../../src/storage/postgres/conversation-store';
import { createPostgresTranscriptReader } from '../../src/storage/postgres/transcript-reader';
import { createSqliteConversationStore } from '../../src/storage/sqlite/conversation-store';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteTranscriptReader } from '../../src/storage/sqlite/transcript-reader';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runTranscriptReaderContract } from './transcript-reader.contract';

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(removeTempDirs);

runTranscriptReaderContract('SQLite', (options) => {
  const db = openDatabase(path.join(makeTempDir('aftercare-transcripts-'), 'aftercare.db'));
  opened.push(db);
  return {
    reader: createSqliteTranscriptReader(db, options),
    conversations: createSqliteConversationStore(db),
  };
});

const database = postgresTestDatabase();
describePostgres('PostgreSQL', () => {
  runTranscriptReaderContract('PostgreSQL', async (options) => {
    const pool = await database.fresh();
    return {
      reader: createPostgresTranscriptReader(pool, options),
      conversations: createPostgresConversationStore(pool),
    };
  });
});
