/**
 * Numbered schema migrations for PostgreSQL (the .sql files beside this module, `NNN-name.sql`),
 * applied at start under a session advisory lock: replicas starting together take turns, the
 * first applies what is pending and the others find nothing left to do. Each migration runs in its
 * own transaction; a database newer than this code is refused rather than silently misread.
 */
import path from 'node:path';
import { DatabaseVersionError, readMigrations, type Migration } from '../sqlite/open-database';
import type { PostgresPool } from './pool';

export { DatabaseVersionError };

/** The advisory lock key migrations hold (any bigint; this one spells "aftercare migrate"). */
export const MIGRATION_LOCK = 7_301_119_830_125n;

export function readPostgresMigrations(
  dir: string = path.join(__dirname, 'migrations'),
): Migration[] {
  return readMigrations(dir);
}

export interface MigrationResult {
  /** Versions this call applied (empty when another replica, or an earlier start, did). */
  readonly applied: readonly number[];
  readonly version: number;
}

export async function migratePostgres(
  pool: PostgresPool,
  migrations: readonly Migration[] = readPostgresMigrations(),
): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`);
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      const current = rows[0]?.version ?? 0;
      const latest = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
      if (current > latest) {
        throw new DatabaseVersionError(
          `the database is at schema version ${current}, newer than this Aftercare (${latest}); upgrade Aftercare or point AFTERCARE_DATABASE_URL at another database`,
        );
      }
      const applied: number[] = [];
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())',
            [migration.version, migration.name],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(
            `migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
        applied.push(migration.version);
      }
      return { applied, version: Math.max(current, latest) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
    }
  } finally {
    client.release();
  }
}
