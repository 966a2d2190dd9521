/**
 * Every row of every table as text, per table (names sorted, rows sorted), on either backend: a
 * test can ask whether a string survives anywhere, or whether nothing changed at all.
 */
import type { PostgresPool } from '../../../src/storage/postgres/pool';
import type { SqliteDatabase } from '../../../src/storage/sqlite/open-database';

const asText = (rows: readonly unknown[]): string =>
  JSON.stringify(rows.map((row) => JSON.stringify(row)).sort());

export function dumpSqlite(db: SqliteDatabase): Map<string, string> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[];
  return new Map(
    tables
      .map(({ name }) => name)
      .sort()
      .map((name) => [name, asText(db.prepare(`SELECT * FROM "${name}"`).all())]),
  );
}

export async function dumpPostgres(pool: PostgresPool): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
  );
  const tables = new Map<string, string>();
  for (const name of rows.map((row) => row.name).sort())
    tables.set(name, asText((await pool.query(`SELECT * FROM "${name}"`)).rows));
  return tables;
}
