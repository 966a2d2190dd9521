/** The SQLite CaseStore on a real file: the shared contract, and what only a file can show. */
import path from 'node:path';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteCaseStore } from '../../src/storage/sqlite/case-store';
import { createSqliteOutboxStore } from '../../src/storage/sqlite/outbox-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runCaseStoreContract } from './case-store.contract';

const databases: SqliteDatabase[] = [];
const newDatabase = (file = path.join(makeTempDir('aftercare-cases-'), 'aftercare.db')) => {
  const opened = openDatabase(file);
  databases.push(opened);
  return opened;
};
afterAll(() => {
  for (const opened of databases) if (opened.open) opened.close();
  removeTempDirs();
});

runCaseStoreContract('SQLite', () => {
  const db = newDatabase();
  return { cases: createSqliteCaseStore(db), outbox: createSqliteOutboxStore(db) };
});

test('a case and its history survive closing and reopening the file', async () => {
  const file = path.join(makeTempDir('aftercare-cases-'), 'aftercare.db');
  const db = newDatabase(file);
  const at = new Date('2026-12-07T10:00:00Z');
  const result = await createSqliteCaseStore(db).openCase({
    kind: 'repair',
    status: 'received',
    customer: { channel: 'telegram', conversationId: '1' },
    userId: '1',
    reference: { chatId: 1 },
    locale: 'vi',
    script: null,
    by: 'bot',
    at,
  });
  db.close();
  const again = createSqliteCaseStore(newDatabase(file));
  expect(result.ok && (await again.getCase(result.case.id))).toEqual(result.ok && result.case);
});
