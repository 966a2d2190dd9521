/**
 * openDatabase: numbered .sql migrations applied once each, in order, in a transaction; a
 * database newer than the code is refused; WAL on. Real SQLite files in temp folders.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createSqliteConversationStore } from '../../src/storage/sqlite/conversation-store';
import {
  DatabaseVersionError,
  openDatabase,
  readMigrations,
  schemaVersion,
  type Migration,
  type SqliteDatabase,
} from '../../src/storage/sqlite/open-database';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const opened: SqliteDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});
afterAll(removeTempDirs);

function open(file: string, migrations?: readonly Migration[]): SqliteDatabase {
  const db = migrations ? openDatabase(file, migrations) : openDatabase(file);
  opened.push(db);
  return db;
}

const newFile = (): string =>
  path.join(makeTempDir('aftercare-db-'), 'nested', 'folder', 'aftercare.db');
const appliedRows = (db: SqliteDatabase): { version: number; name: string; applied_at: string }[] =>
  db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    applied_at: string;
  }[];

describe('the shipped migrations', () => {
  it('are numbered 1, 2, 3... without gaps or duplicates', async () => {
    const versions = readMigrations().map((migration) => migration.version);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
  });
});

describe('openDatabase', () => {
  it('creates the folder and a fresh file with every migration recorded in schema_migrations', async () => {
    const db = open(newFile());
    const migrations = readMigrations();
    expect(appliedRows(db).map(({ version, name }) => ({ version, name }))).toEqual(
      migrations.map(({ version, name }) => ({ version, name })),
    );
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'schema_migrations',
        'conversations',
        'messages',
        'conversation_refs',
      ]),
    );
  });

  it('turns on WAL journaling and foreign keys', async () => {
    const db = open(newFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('reopening is idempotent: nothing is applied twice', async () => {
    const file = newFile();
    const before = appliedRows(open(file));
    opened.pop()!.close();
    const again = open(file);
    expect(appliedRows(again)).toEqual(before);
  });

  it('data written before close is there after reopen', async () => {
    const file = newFile();
    const key = { channel: 'webchat', conversationId: 'c-1' };
    const first = createSqliteConversationStore(open(file));
    await first.recordIncoming(
      key,
      {
        channel: 'webchat',
        conversationId: 'c-1',
        userId: 'u',
        messageId: 'm-1',
        text: 'hello',
        receivedAt: new Date('2025-01-02T03:04:05Z'),
      },
      'en',
    );
    await first.saveState(
      key,
      { locale: 'fa', script: null, pending: null, fallbacks: 1, handoffActive: false },
      new Date('2025-01-02T03:04:06Z'),
    );
    opened.pop()!.close();

    const second = createSqliteConversationStore(open(file));
    expect((await second.transcript(key)).map((entry) => entry.text)).toEqual(['hello']);
    expect(await second.loadState(key)).toMatchObject({ locale: 'fa', fallbacks: 1 });
  });

  it('applies only the pending migrations to an existing file, in order', async () => {
    const file = newFile();
    const shipped = readMigrations();
    open(file, shipped);
    opened.pop()!.close();

    const next = shipped.at(-1)!.version + 1;
    const added: Migration[] = [
      {
        version: next,
        name: `${next}-notes`,
        sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);',
      },
      {
        version: next + 1,
        name: `${next + 1}-notes-tag`,
        sql: 'ALTER TABLE notes ADD COLUMN tag TEXT;',
      },
    ];
    const db = open(file, [...shipped, ...added]);
    expect(appliedRows(db).map((row) => row.version)).toEqual(
      [...shipped, ...added].map((migration) => migration.version),
    );
    expect(() =>
      db.prepare('INSERT INTO notes (text, tag) VALUES (?, ?)').run('kept', 'x'),
    ).not.toThrow();
  });

  it('a failing migration leaves neither its changes nor its version behind', async () => {
    const file = newFile();
    const shipped = readMigrations();
    const next = shipped.at(-1)!.version + 1;
    const broken: Migration = {
      version: next,
      name: `${next}-broken`,
      sql: 'CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);',
    };
    expect(() => openDatabase(file, [...shipped, broken])).toThrow(/nowhere/);

    const check = new Database(file);
    try {
      expect(
        (check.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v,
      ).toBe(shipped.at(-1)!.version);
      expect(
        check.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(),
      ).toBeUndefined();
    } finally {
      check.close();
    }
  });

  it('refuses a database with a newer schema version than this code, with DatabaseVersionError', async () => {
    const file = newFile();
    const db = open(file);
    const latest = schemaVersion(db);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      latest + 1,
      'from-the-future',
      new Date().toISOString(),
    );
    opened.pop()!.close();

    let error: unknown;
    try {
      open(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatabaseVersionError);
    expect((error as Error).message).toMatch(
      new RegExp(`schema version ${latest + 1}, newer than this Aftercare \\(${latest}\\)`),
    );
    expect((error as Error).message).toMatch(/AFTERCARE_DB/);
    // The refused file is not left open: the last connection's close removes the WAL file.
    expect(existsSync(`${file}-wal`)).toBe(false);

    // Refusing changed nothing: the future version is still recorded and nothing was dropped.
    const check = new Database(file, { readonly: true });
    try {
      expect(
        (check.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v,
      ).toBe(latest + 1);
    } finally {
      check.close();
    }
  });
});
