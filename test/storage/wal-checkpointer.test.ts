/**
 * The WAL checkpointer (src/storage/sqlite/wal-checkpointer.ts): the pages committed on the main
 * connection reach the database file through the worker thread's checkpoint, while the main
 * connection's own automatic checkpoint would not have run yet.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import {
  mainThreadCheckpointPages,
  startWalCheckpointer,
} from '../../src/storage/sqlite/wal-checkpointer';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const migrations = [
  { version: 1, name: 'wal-test', sql: 'CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)' },
];

function openFile() {
  const file = path.join(makeTempDir('aftercare-wal-'), 'wal.db');
  return { db: openDatabase(file, migrations), file };
}

/** Commits about `pages` pages of rows, one transaction each 50 rows. */
function write(db: ReturnType<typeof openDatabase>, pages: number): void {
  const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
  const batch = db.transaction(() => {
    for (let n = 0; n < 50; n++) insert.run('x'.repeat(400));
  });
  for (let n = 0; n < pages / 5; n++) batch();
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

describe('WAL checkpointer', () => {
  test('the worker copies committed pages into the database file; the main thread does not', async () => {
    const { db, file } = openFile();
    const checkpointer = startWalCheckpointer(db, 20);
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(mainThreadCheckpointPages);
      const sizeBefore = statSync(file).size;
      write(db, 300);
      // Far below the main connection's own threshold: only the worker can have grown the file.
      expect(await until(() => statSync(file).size > sizeBefore + 300 * 2048, 5000)).toBe(true);
      expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 3000 });
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  test('without the worker, the same writes stay in the WAL', async () => {
    const { db, file } = openFile();
    try {
      db.pragma(`wal_autocheckpoint = ${mainThreadCheckpointPages}`);
      const sizeBefore = statSync(file).size;
      write(db, 300);
      expect(await until(() => statSync(file).size > sizeBefore + 300 * 2048, 300)).toBe(false);
    } finally {
      db.close();
    }
  });

  test('stop ends the worker, and the database then closes and reopens cleanly', async () => {
    const { db, file } = openFile();
    const checkpointer = startWalCheckpointer(db, 20);
    write(db, 10);
    await checkpointer.stop();
    await checkpointer.stop();
    db.close();
    const again = openDatabase(file, migrations);
    expect(again.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 100 });
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });
});
