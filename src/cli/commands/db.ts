/**
 * `aftercare db copy --to postgres://… [--from FILE]`: copies the SQLite database (AFTERCARE_DB or
 * bot.config.json's storage.path, or FILE) into a PostgreSQL database, with progress per table and
 * the row counts of both sides compared at the end (exit 1 when they differ). Idempotent: a second
 * run copies nothing and compares again. Run it while the bot is stopped.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/load-config';
import { CopySchemaError, copySqliteToPostgres } from '../../storage/postgres/copy-from-sqlite';
import { createPool, isPostgresUrl } from '../../storage/postgres/pool';
import { openDatabase } from '../../storage/sqlite/open-database';
import { parseArgs, type CliCommand } from '../io';

const usage = 'usage: aftercare db copy --to postgres://USER@HOST:PORT/DB [--from FILE.db]\n';

/** The URL without its password, for messages. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

export const dbCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, []);
  const unknown = [...flags.keys()].find((name) => !['to', 'from'].includes(name));
  const to = flags.get('to');
  const from = flags.get('from');
  if (unknown !== undefined || positionals.length !== 1 || positionals[0] !== 'copy') {
    io.stderr(unknown !== undefined ? `unknown option --${unknown}\n${usage}` : usage);
    return 2;
  }
  if (typeof to !== 'string' || !isPostgresUrl(to)) {
    io.stderr(`--to takes a PostgreSQL URL (postgres://…)\n${usage}`);
    return 2;
  }
  if (from === true) {
    io.stderr(usage);
    return 2;
  }
  const file =
    from !== undefined
      ? path.resolve(from)
      : loadConfig({ rootDir: io.rootDir, env: io.env }).databasePath;
  if (!existsSync(file)) {
    io.stderr(`error: no SQLite database at ${file}\n`);
    return 1;
  }
  const db = openDatabase(file);
  const pool = createPool(to, { max: 2, applicationName: 'aftercare db copy' });
  try {
    io.stdout(`copying ${file} into ${shownUrl(to)}\n`);
    let last = '';
    const results = await copySqliteToPostgres(db, pool, ({ table, done, total }) => {
      const line = `  ${table}: ${done}/${total}`;
      if (line !== last && (done === total || done % 5000 < 1000)) io.stdout(`${line}\n`);
      last = line;
    });
    const width = Math.max(...results.map((result) => result.table.length), 5);
    io.stdout(`\n${'table'.padEnd(width)}  sqlite  postgres  copied now\n`);
    for (const result of results) {
      io.stdout(
        `${result.table.padEnd(width)}  ${String(result.source).padStart(6)}  ${String(result.target).padStart(8)}  ${String(result.inserted).padStart(10)}${result.source === result.target ? '' : '  DIFFERENT'}\n`,
      );
    }
    const different = results.filter((result) => result.source !== result.target);
    if (different.length > 0) {
      io.stderr(
        `error: row counts differ for ${different.map((result) => result.table).join(', ')}: the target was not empty, or rows changed during the copy\n`,
      );
      return 1;
    }
    io.stdout(`counts equal in all ${results.length} tables\n`);
    return 0;
  } catch (error) {
    if (error instanceof CopySchemaError) {
      io.stderr(`error: ${error.message}\n`);
      return 1;
    }
    // A connection or server error (node-postgres and node:net set `code`).
    const failure = error as { code?: unknown; message?: unknown } | null;
    if (typeof failure?.code === 'string' && typeof failure.message === 'string') {
      io.stderr(`error: PostgreSQL at ${shownUrl(to)}: ${failure.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    db.close();
    await pool.end();
  }
};
