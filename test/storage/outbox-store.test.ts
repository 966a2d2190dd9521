/**
 * The OutboxStore backends pass the shared contract; the SQLite one on real files in temp folders,
 * where its jobs also outlive the connection (a restart) and the hand-off jobs of migration 003
 * move into the shared table.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { HANDOFF_QUEUE } from '../../src/core/handoff/relay-outbox';
import { createMemoryOutboxStore } from '../../src/storage/memory/outbox-store';
import {
  openDatabase,
  readMigrations,
  type SqliteDatabase,
} from '../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../src/storage/sqlite/outbox-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runOutboxStoreContract } from './outbox-store.contract';

const opened: SqliteDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});
afterAll(removeTempDirs);

const newFile = (): string => path.join(makeTempDir('aftercare-outbox-'), 'aftercare.db');
function open(file: string): SqliteDatabase {
  const db = openDatabase(file);
  opened.push(db);
  return db;
}

runOutboxStoreContract('SQLite file', () => createSqliteOutboxStore(open(newFile())));
runOutboxStoreContract('memory', createMemoryOutboxStore);

describe('SQLite OutboxStore', () => {
  const at = new Date('2025-03-01T10:00:00.000Z');

  test('says it is durable, and the memory one says it is not', async () => {
    expect(createSqliteOutboxStore(open(newFile())).durable).toBe(true);
    expect(createMemoryOutboxStore().durable).toBe(false);
  });

  test('waiting and interrupted jobs are there after the file is closed and opened again', async () => {
    const file = newFile();
    const before = createSqliteOutboxStore(open(file));
    const waiting = await before.enqueue({
      queue: 'telegram',
      lane: '777',
      job: { chatId: 777, payload: { text: 'one' } },
      attempts: 1,
      at,
      dueAt: new Date(at.getTime() + 5_000),
    });
    const interrupted = await before.enqueue({
      queue: 'telegram',
      lane: '778',
      job: { chatId: 778, payload: { text: 'two' } },
      at,
    });
    await before.claim(interrupted, at);
    opened.pop()!.close();

    const after = createSqliteOutboxStore(open(file));
    expect(await after.pending('telegram')).toBe(2);
    expect(await after.recoverInterrupted('telegram', at)).toEqual({ requeued: 1, abandoned: [] });
    const due = await after.due('telegram', new Date(at.getTime() + 5_000), 10);
    expect(due.map((job) => [job.id, job.attempts, job.job])).toEqual([
      [waiting, 1, { chatId: 777, payload: { text: 'one' } }],
      [interrupted, 1, { chatId: 778, payload: { text: 'two' } }],
    ]);
  });

  test('migration 004 moves the hand-off jobs of an older file into the shared table, still waiting', async () => {
    const file = newFile();
    const upTo003 = readMigrations().filter((migration) => migration.version <= 3);
    const old = openDatabase(file, upTo003);
    old
      .prepare(
        "INSERT INTO tickets (channel, conversation_id, user_id, locale, reason, status, created_at, updated_at) VALUES ('telegram', '5', 'u', 'en', 'asked', 'open', ?, ?)",
      )
      .run(at.toISOString(), at.toISOString());
    old
      .prepare(
        "INSERT INTO handoff_outbox (ticket_id, lane, job_json, state, attempts, next_attempt_at, created_at, updated_at) VALUES (1, 'staff:1', ?, 'waiting', 2, ?, ?, ?)",
      )
      .run(
        JSON.stringify({ kind: 'staff-post' }),
        at.toISOString(),
        at.toISOString(),
        at.toISOString(),
      );
    old.close();

    const db = open(file);
    expect(await createSqliteOutboxStore(db).due(HANDOFF_QUEUE, at, 10)).toEqual([
      {
        id: 1,
        queue: HANDOFF_QUEUE,
        lane: 'staff:1',
        job: { ticketId: '1', job: { kind: 'staff-post' } },
        attempts: 2,
        atMostOnce: false,
        createdAt: at,
      },
    ]);
    const check = new Database(file, { readonly: true });
    try {
      expect(
        check.prepare("SELECT name FROM sqlite_master WHERE name = 'handoff_outbox'").get(),
      ).toBeUndefined();
    } finally {
      check.close();
    }
  });
});
