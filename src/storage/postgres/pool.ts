/**
 * The PostgreSQL connection pool (node-postgres). `bigint` columns (ids, counts) read back as
 * JavaScript numbers, as SQLite's integers do: ids stay far below 2^53.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
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

interface Ambient {
  readonly pool: PostgresPool;
  readonly client: PostgresClient;
}

/**
 * The transaction the current async context is in, per pool. Every PostgreSQL store sends its
 * queries through `on(pool)`, and `inTransaction` joins an open transaction of the same pool, so
 * that a unit of work spanning several stores (a ticket change and the jobs it queues, a whole
 * turn) commits or rolls back as one, on one connection.
 */
const ambient = new AsyncLocalStorage<Ambient>();

const joined = (pool: PostgresPool): PostgresClient | null => {
  const current = ambient.getStore();
  return current !== undefined && current.pool === pool ? current.client : null;
};

/** The connection of the open transaction on `pool` in this async context, else the pool. */
export function on(pool: PostgresPool): PostgresPool | PostgresClient {
  return joined(pool) ?? pool;
}

/**
 * Runs `work` in one transaction on one connection: committed when it resolves, else rolled back.
 * Called inside another transaction on the same pool, it joins that one (the outer commits).
 */
export async function inTransaction<T>(
  pool: PostgresPool,
  work: (client: PostgresClient) => Promise<T>,
): Promise<T> {
  const open = joined(pool);
  if (open !== null) return work(open);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await ambient.run({ pool, client }, () => work(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
