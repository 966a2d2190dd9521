/**
 * The PostgreSQL connection pool (node-postgres). `bigint` columns (ids, counts) read back as
 * JavaScript numbers, as SQLite's integers do: ids stay far below 2^53.
 */
import pg from 'pg';

export type PostgresPool = pg.Pool;
export type PostgresClient = pg.PoolClient;

const INT8_OID = 20;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PoolOptions {
  /** Connections this process keeps open at most (default 10). */
  readonly max?: number;
  /** Shown in pg_stat_activity: which replica a connection belongs to. */
  readonly applicationName?: string;
}

/** True for a `postgres://` or `postgresql://` URL (AFTERCARE_DATABASE_URL). */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

export function createPool(url: string, options: PoolOptions = {}): PostgresPool {
  if (!isPostgresUrl(url)) {
    throw new Error('a PostgreSQL URL starts with postgres:// or postgresql://');
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'aftercare',
    types,
  });
  // An idle connection the server drops (restart, failover) must not crash the process: the pool
  // replaces it, and the next query reports the problem to its caller.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, else rolled back. */
export async function inTransaction<T>(
  pool: PostgresPool,
  work: (client: PostgresClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
