/** The SQLite ConversationStore passes the shared contract, on real files in temp folders. */
import path from 'node:path';
import { createSqliteConversationStore } from '../../src/storage/sqlite/conversation-store';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runConversationStoreContract } from './conversation-store.contract';

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(removeTempDirs);

runConversationStoreContract('SQLite file', () => {
  const db = openDatabase(path.join(makeTempDir('aftercare-store-'), 'aftercare.db'));
  opened.push(db);
  return createSqliteConversationStore(db);
});
