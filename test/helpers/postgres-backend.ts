/**
 * The PostgreSQL side of the shared contract suites: one migrated database per test file, emptied
 * before each test (every table truncated, ids restarted), and the pool closed after the file.
 */
import { migratePostgres } from '../../src/storage/postgres/migrate';
import { createPool, type PostgresPool } from '../../src/storage/postgres/pool';
import { createTestDatabase } from './postgres';

export interface PostgresTestDatabase {
  readonly url: () => string;
  /** The pool on an empty, migrated database. */
  fresh(): Promise<PostgresPool>;
}

/** Call at the top level of a test file (it registers an afterAll). */
export function postgresTestDatabase(): PostgresTestDatabase {
  let url: string | null = null;
  let pool: PostgresPool | null = null;
  afterAll(async () => {
    await pool?.end();
    pool = null;
  });
  return {
    url: () => {
      if (!url) throw new Error('no test database yet: call fresh() first');
      return url;
    },
    async fresh() {
      if (!pool) {
        url = await createTestDatabase();
        pool = createPool(url, { max: 5 });
        await migratePostgres(pool);
      }
      const { rows } = await pool.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
      );
      await pool.query(
        `TRUNCATE ${rows.map((row) => `"${row.name}"`).join(', ')} RESTART IDENTITY CASCADE`,
      );
      return pool;
    },
  };
}
