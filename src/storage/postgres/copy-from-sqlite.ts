/**
 * `aftercare db copy`: every row of a SQLite database into a PostgreSQL one with the same schema
 * (migrated first), so a company that started on the default keeps its history. Tables go in
 * foreign-key order, in batches, in one transaction; a row already there (same primary key) is
 * left as it is, so running the copy again adds nothing. Identity sequences continue after the
 * copied ids. At the end the row counts of both sides are compared, table by table.
 */
import type { SqliteDatabase } from '../sqlite/open-database';
import { migratePostgres } from './migrate';
import { inTransaction, type PostgresPool } from './pool';

export interface TableCopy {
  readonly table: string;
  readonly source: number;
  /** Rows this run inserted (0 for a table an earlier run copied). */
  readonly inserted: number;
  readonly target: number;
}

export interface CopyProgress {
  readonly table: string;
  readonly done: number;
  readonly total: number;
}

export class CopySchemaError extends Error {}

interface Column {
  readonly name: string;
  readonly type: string;
}

/** SQLite tables in an order where every table comes after those its foreign keys point to. */
function tablesInOrder(db: SqliteDatabase): string[] {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((row) => row.name);
  const parents = new Map(
    tables.map((table) => [
      table,
      (db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { table: string }[])
        .map((fk) => fk.table)
        .filter((parent) => parent !== table),
    ]),
  );
  const ordered: string[] = [];
  const visit = (table: string, path: readonly string[]): void => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new CopySchemaError(`foreign keys form a cycle at ${table}`);
    for (const parent of parents.get(table) ?? []) visit(parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

async function targetColumns(pool: PostgresPool): Promise<Map<string, Map<string, Column>>> {
  const { rows } = await pool.query<{ table_name: string; column_name: string; data_type: string }>(
    "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const tables = new Map<string, Map<string, Column>>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map<string, Column>();
    columns.set(row.column_name, { name: row.column_name, type: row.data_type });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/** A SQLite value as PostgreSQL takes it for a column of `type`. */
function convert(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === '1' || value === true;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export async function copySqliteToPostgres(
  db: SqliteDatabase,
  pool: PostgresPool,
  onProgress: (progress: CopyProgress) => void = () => undefined,
): Promise<TableCopy[]> {
  await migratePostgres(pool);
  const target = await targetColumns(pool);
  const tables = tablesInOrder(db);
  const plans = tables.map((table) => {
    const columns = target.get(table);
    if (!columns) {
      throw new CopySchemaError(
        `table ${table} of the SQLite database has no PostgreSQL counterpart: this Aftercare cannot copy it`,
      );
    }
    const names = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
      (column) => column.name,
    );
    const missing = names.filter((name) => !columns.has(name));
    if (missing.length > 0) {
      throw new CopySchemaError(
        `table ${table}: column(s) ${missing.join(', ')} missing on PostgreSQL`,
      );
    }
    return { table, columns: names.map((name) => columns.get(name) as Column) };
  });

  const results: TableCopy[] = [];
  await inTransaction(pool, async (client) => {
    for (const { table, columns } of plans) {
      const total = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
      const perBatch = Math.max(1, Math.floor(20_000 / columns.length));
      const list = columns.map((column) => `"${column.name}"`).join(', ');
      const select = db.prepare(`SELECT ${list} FROM "${table}" ORDER BY rowid`).raw();
      let batch: unknown[][] = [];
      let done = 0;
      let inserted = 0;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const values: unknown[] = [];
        const tuples = batch.map((row) => {
          const placeholders = row.map((value, index) => {
            values.push(convert(value, (columns[index] as Column).type));
            return `$${values.length}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        const result = await client.query(
          `INSERT INTO "${table}" (${list}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
          values,
        );
        inserted += result.rowCount ?? 0;
        done += batch.length;
        batch = [];
        onProgress({ table, done, total });
      };
      for (const row of select.iterate() as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length >= perBatch) await flush();
      }
      await flush();
      if (total === 0) onProgress({ table, done: 0, total: 0 });
      if (columns.some((column) => column.name === 'id')) {
        // New rows continue after the copied ids (tables whose id is an identity).
        const sequence = await client.query<{ name: string | null }>(
          "SELECT pg_get_serial_sequence($1, 'id') AS name",
          [table],
        );
        if (sequence.rows[0]?.name) {
          await client.query(
            `SELECT setval($1::regclass, coalesce((SELECT max(id) FROM "${table}"), 0) + 1, false)`,
            [sequence.rows[0].name],
          );
        }
      }
      const counted = await client.query<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`);
      results.push({ table, source: total, inserted, target: counted.rows[0]?.n ?? 0 });
    }
  });
  return results;
}
