/**
 * The SQLite transaction gate (src/storage/sqlite/gate.ts): transactions that queue up while one
 * runs share one COMMIT (group commit), each still all-or-nothing, and none resolves before the
 * commit that makes it durable; store calls from outside wait for the group and are not starved.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { gateFor } from '../../src/storage/sqlite/gate';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const opened: { close(): unknown }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(removeTempDirs);

function open(): { db: SqliteDatabase; file: string } {
  const file = path.join(makeTempDir('aftercare-gate-'), 'gate.db');
  const db = openDatabase(file, [
    {
      version: 1,
      name: 'gate-test',
      sql: `CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE items (name TEXT PRIMARY KEY,
              parent_id INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);`,
    },
  ]);
  opened.push(db);
  return { db, file };
}

/** Another connection, outside the gate: it sees only what was committed. */
function observer(file: string): () => string[] {
  const other = new Database(file, { readonly: true });
  opened.push(other);
  const select = other.prepare('SELECT name FROM items ORDER BY name');
  return () => (select.all() as { name: string }[]).map((row) => row.name);
}

/**
 * The transaction statements the gate runs on `db`, in order: those it prepares (BEGIN, SAVEPOINT,
 * RELEASE, COMMIT, prepared once per connection, so this is called before its first transaction)
 * and those it executes.
 */
function commitsOf(db: SqliteDatabase): string[] {
  const statements: string[] = [];
  const exec = db.exec.bind(db);
  jest.spyOn(db, 'exec').mockImplementation((sql: string) => {
    statements.push(sql);
    return exec(sql);
  });
  const prepare = db.prepare.bind(db);
  jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    const statement = prepare(sql);
    if (!/^(BEGIN|SAVEPOINT|RELEASE|ROLLBACK|COMMIT)\b/.test(sql)) return statement;
    const run = statement.run.bind(statement);
    jest.spyOn(statement, 'run').mockImplementation((...args: unknown[]) => {
      statements.push(sql);
      return run(...args);
    });
    return statement;
  });
  return statements;
}

describe('SQLite transaction gate', () => {
  test('transactions queued while one runs share one commit, and each resolves after it', async () => {
    const { db, file } = open();
    const gate = gateFor(db);
    const committed = observer(file);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const statements = commitsOf(db);
    const seenAtResolve: string[][] = [];
    const turns = ['a', 'b', 'c', 'd'].map((name) =>
      gate
        .atomically(async () => {
          await gate.run(() => insert.run(name));
          await gate.run(() => insert.run(`${name}2`));
          return name;
        })
        .then((result) => {
          seenAtResolve.push(committed());
          return result;
        }),
    );
    expect(await Promise.all(turns)).toEqual(['a', 'b', 'c', 'd']);
    expect(statements.filter((sql) => sql === 'BEGIN IMMEDIATE')).toHaveLength(1);
    expect(statements.filter((sql) => sql === 'COMMIT')).toHaveLength(1);
    const all = ['a', 'a2', 'b', 'b2', 'c', 'c2', 'd', 'd2'];
    // Even the first one resolved only when the whole group was committed.
    expect(seenAtResolve).toEqual([all, all, all, all]);
  });

  test('a work that throws in a group rolls back only its own writes', async () => {
    const { db, file } = open();
    const gate = gateFor(db);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const results = await Promise.allSettled([
      gate.atomically(() => gate.run(() => insert.run('first'))),
      gate.atomically(async () => {
        await gate.run(() => insert.run('half-done'));
        throw new Error('the turn failed');
      }),
      // A constraint error in SQLite itself: the name is taken.
      gate.atomically(async () => {
        await gate.run(() => insert.run('own'));
        await gate.run(() => insert.run('first'));
      }),
      gate.atomically(() => gate.run(() => insert.run('last'))),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('the turn failed'));
    expect(observer(file)()).toEqual(['first', 'last']);
  });

  test('a failed COMMIT rejects every work of the group and stores none of them', async () => {
    const { db, file } = open();
    const gate = gateFor(db);
    const insert = db.prepare('INSERT INTO items (name, parent_id) VALUES (?, ?)');
    // The orphan's deferred foreign key is checked at COMMIT only.
    const results = await Promise.allSettled([
      gate.atomically(() => gate.run(() => insert.run('fine', null))),
      gate.atomically(() => gate.run(() => insert.run('orphan', 42))),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(db.inTransaction).toBe(false);
    expect(observer(file)()).toEqual([]);
    // The gate is usable again.
    await gate.atomically(() => gate.run(() => insert.run('after', null)));
    expect(observer(file)()).toEqual(['after']);
  });

  test('a store call from outside waits for the open group and then sees it committed', async () => {
    const { db } = open();
    const gate = gateFor(db);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const count = db.prepare('SELECT count(*) AS n FROM items');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const turn = gate.atomically(async () => {
      await gate.run(() => insert.run('inside'));
      started();
      await held;
    });
    await running;
    const read = gate.run(() => (count.get() as { n: number }).n);
    // Queued behind the first turn, in the same group.
    const next = gate.atomically(() => gate.run(() => insert.run('next')));
    let readDone = false;
    void read.then(() => (readDone = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(readDone).toBe(false);
    release();
    expect(await read).toBe(2);
    await Promise.all([turn, next]);
  });

  test('nested atomically joins the outer transaction', async () => {
    const { db, file } = open();
    const gate = gateFor(db);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    await expect(
      gate.atomically(async () => {
        await gate.atomically(() => gate.run(() => insert.run('inner')));
        throw new Error('outer failed');
      }),
    ).rejects.toThrow('outer failed');
    expect(observer(file)()).toEqual([]);
  });
});
