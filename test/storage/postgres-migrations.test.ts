/**
 * PostgreSQL migrations: applied once each under an advisory lock, even when several replicas
 * start at the same moment; a database newer than the code is refused; the shipped migrations
 * build the whole schema. Runs on the throw-away cluster (test/setup/postgres-global-setup.ts).
 */
import {
  DatabaseVersionError,
  migratePostgres,
  readPostgresMigrations,
} from '../../src/storage/postgres/migrate';
import { createPool, type PostgresPool } from '../../src/storage/postgres/pool';
import { readMigrations } from '../../src/storage/sqlite/open-database';
import { createTestDatabase, describePostgres } from '../helpers/postgres';

const pools: PostgresPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

function pool(url: string): PostgresPool {
  const created = createPool(url, { max: 3 });
  pools.push(created);
  return created;
}

// Slow on purpose (pg_sleep), and not repeatable: a second run of 001 fails on CREATE TABLE, and
// a second run of 002 adds a second row.
const slow = [
  {
    version: 1,
    name: '001-slow',
    sql: 'SELECT pg_sleep(0.3); CREATE TABLE ran (n integer NOT NULL)',
  },
  { version: 2, name: '002-count', sql: 'INSERT INTO ran VALUES (2)' },
];

describePostgres('PostgreSQL migrations', () => {
  test('three replicas starting together apply each migration once', async () => {
    const url = await createTestDatabase();
    const results = await Promise.all([1, 2, 3].map(() => migratePostgres(pool(url), slow)));
    expect(results.map((result) => result.version)).toEqual([2, 2, 2]);
    // Exactly one of them did the work; the others waited for the lock and found nothing to do.
    expect(results.map((result) => result.applied.length).sort()).toEqual([0, 0, 2]);
    const check = pool(url);
    expect((await check.query('SELECT n FROM ran')).rows).toEqual([{ n: 2 }]);
    expect(
      (await check.query('SELECT version FROM schema_migrations ORDER BY version')).rows,
    ).toEqual([{ version: 1 }, { version: 2 }]);
  });

  test('a later start applies only what is new, and a failing migration leaves nothing half done', async () => {
    const url = await createTestDatabase();
    const db = pool(url);
    await migratePostgres(db, slow.slice(0, 1));
    expect((await migratePostgres(db, slow)).applied).toEqual([2]);
    await expect(
      migratePostgres(db, [
        ...slow,
        { version: 3, name: '003-bad', sql: 'INSERT INTO ran VALUES (3); SELECT nope' },
      ]),
    ).rejects.toThrow(/migration 003-bad failed/);
    expect((await db.query('SELECT n FROM ran ORDER BY n')).rows).toEqual([{ n: 2 }]);
    expect((await db.query('SELECT max(version) AS v FROM schema_migrations')).rows).toEqual([
      { v: 2 },
    ]);
  });

  test('a database newer than this code is refused', async () => {
    const url = await createTestDatabase();
    const db = pool(url);
    await migratePostgres(db, slow);
    await expect(migratePostgres(db, slow.slice(0, 1))).rejects.toThrow(DatabaseVersionError);
    await expect(migratePostgres(db, slow.slice(0, 1))).rejects.toThrow(/schema version 2, newer/);
  });

  test('the shipped migrations build every table the SQLite schema has', async () => {
    const url = await createTestDatabase();
    const db = pool(url);
    const result = await migratePostgres(db);
    expect(result.version).toBe(readPostgresMigrations().at(-1)?.version);
    const tables = (
      await db.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).rows.map((row) => row.name);
    // Every table a SQLite database ends up with after its migrations.
    const sqliteTables = new Set<string>();
    for (const migration of readMigrations()) {
      for (const match of migration.sql.matchAll(/CREATE TABLE (\w+)/g))
        sqliteTables.add(match[1] as string);
      for (const match of migration.sql.matchAll(/DROP TABLE (\w+)/g))
        sqliteTables.delete(match[1] as string);
    }
    sqliteTables.add('schema_migrations');
    expect(tables).toEqual([...sqliteTables].sort());
  });
});
