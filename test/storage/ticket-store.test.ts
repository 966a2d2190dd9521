/** The SQLite TicketStore on a real file: the shared contract, and what only a file can show. */
import path from 'node:path';
import type { TicketStore } from '../../src/core/handoff/ports';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../src/storage/sqlite/outbox-store';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { runTicketStoreContract } from './ticket-store.contract';

const at = new Date('2026-03-02T10:00:00Z');
const later = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);

const databases: SqliteDatabase[] = [];
const newDatabase = (): SqliteDatabase => {
  const opened = openDatabase(path.join(makeTempDir('aftercare-tickets-'), 'aftercare.db'));
  databases.push(opened);
  return opened;
};
afterAll(async () => {
  for (const opened of databases) if (opened.open) opened.close();
  removeTempDirs();
});

runTicketStoreContract('SQLite', () => {
  const db = newDatabase();
  return { tickets: createSqliteTicketStore(db), outbox: createSqliteOutboxStore(db) };
});

let file: string;
let db: SqliteDatabase;
let store: TicketStore;

beforeEach(async () => {
  file = path.join(makeTempDir('aftercare-tickets-'), 'aftercare.db');
  db = openDatabase(file);
  store = createSqliteTicketStore(db);
});
afterEach(() => db.close());

const open = async (conversationId: string) =>
  await store.create({
    customer: { channel: 'telegram', conversationId },
    userId: 'u',
    reference: { chatId: 7 },
    locale: 'fa',
    script: null,
    reason: 'requested',
    repair: false,
    staffTarget: 'slack',
    at,
  });

describe('SQLite ticket store', () => {
  test('a ticket keeps what the desk needs, across a reopen of the file', async () => {
    const ticket = await open('c1');
    await store.update(
      ticket.id,
      { threadId: 'C1/1.2', status: 'claimed', assignee: 'Mina', claimedAt: later(60) },
      later(60),
    );
    await store.addMessage(ticket.id, {
      author: 'staff',
      authorName: 'Mina',
      text: 'salam',
      sourceId: 'Ev1',
      at: later(61),
    });
    db.close();
    db = openDatabase(file);
    store = createSqliteTicketStore(db);
    expect(await store.byThread('slack', 'C1/1.2')).toMatchObject({
      id: ticket.id,
      customer: { channel: 'telegram', conversationId: 'c1' },
      reference: { chatId: 7 },
      locale: 'fa',
      status: 'claimed',
      assignee: 'Mina',
      createdAt: at,
      claimedAt: later(60),
      staff: { target: 'slack', threadId: 'C1/1.2' },
    });
    expect(
      (await store.messages(ticket.id)).map((message) => [
        message.author,
        message.authorName,
        message.text,
      ]),
    ).toEqual([['staff', 'Mina', 'salam']]);
  });

  test('one open ticket per conversation; resolved ones may be many', async () => {
    const first = await open('c1');
    // better-sqlite3's SqliteError may come from another test file's realm: match its message.
    await expect(open('c1')).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE/) });
    await store.update(first.id, { status: 'resolved', resolvedAt: later(1) }, later(1));
    const second = await open('c1');
    expect((await store.activeFor({ channel: 'telegram', conversationId: 'c1' }))?.id).toBe(
      second.id,
    );
    expect((await store.latestFor({ channel: 'telegram', conversationId: 'c1' }))?.id).toBe(
      second.id,
    );
    expect((await store.list({ status: 'resolved' })).map((ticket) => ticket.id)).toEqual([
      first.id,
    ]);
    expect((await store.list()).map((ticket) => ticket.id)).toEqual([second.id, first.id]);
  });
});
