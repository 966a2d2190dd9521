/** The SQLite TicketStore on a real file: tickets, their transcript, and the outbox's lanes. */
import path from 'node:path';
import type { OutboxJob, TicketStore } from '../../src/core/handoff/ports';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const at = new Date('2026-03-02T10:00:00Z');
const later = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);
const line = (text: string): OutboxJob => ({ kind: 'staff-line', line: { kind: 'event', text } });

let file: string;
let db: SqliteDatabase;
let store: TicketStore;

beforeEach(() => {
  file = path.join(makeTempDir('aftercare-tickets-'), 'aftercare.db');
  db = openDatabase(file);
  store = createSqliteTicketStore(db);
});
afterEach(() => db.close());
afterAll(removeTempDirs);

const open = (conversationId: string) =>
  store.create({
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
  test('a ticket keeps what the desk needs, across a reopen of the file', () => {
    const ticket = open('c1');
    store.update(
      ticket.id,
      { threadId: 'C1/1.2', status: 'claimed', assignee: 'Mina', claimedAt: later(60) },
      later(60),
    );
    store.addMessage(ticket.id, {
      author: 'staff',
      authorName: 'Mina',
      text: 'salam',
      sourceId: 'Ev1',
      at: later(61),
    });
    db.close();
    db = openDatabase(file);
    store = createSqliteTicketStore(db);
    expect(store.byThread('slack', 'C1/1.2')).toMatchObject({
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
      store
        .messages(ticket.id)
        .map((message) => [message.author, message.authorName, message.text]),
    ).toEqual([['staff', 'Mina', 'salam']]);
  });

  test('one open ticket per conversation; resolved ones may be many', () => {
    const first = open('c1');
    expect(() => open('c1')).toThrow(/UNIQUE/);
    store.update(first.id, { status: 'resolved', resolvedAt: later(1) }, later(1));
    const second = open('c1');
    expect(store.activeFor({ channel: 'telegram', conversationId: 'c1' })?.id).toBe(second.id);
    expect(store.latestFor({ channel: 'telegram', conversationId: 'c1' })?.id).toBe(second.id);
    expect(store.list({ status: 'resolved' }).map((ticket) => ticket.id)).toEqual([first.id]);
    expect(store.list().map((ticket) => ticket.id)).toEqual([second.id, first.id]);
  });

  test('a message redelivered with the same platform id is recorded once', () => {
    const ticket = open('c1');
    expect(store.addMessage(ticket.id, { author: 'staff', text: 'hi', sourceId: 'Ev1', at })).toBe(
      true,
    );
    expect(store.addMessage(ticket.id, { author: 'staff', text: 'hi', sourceId: 'Ev1', at })).toBe(
      false,
    );
    expect(store.addMessage(ticket.id, { author: 'customer', text: 'hi', at })).toBe(true);
    expect(store.addMessage(ticket.id, { author: 'customer', text: 'hi', at })).toBe(true);
    expect(store.messages(ticket.id)).toHaveLength(3);
  });

  test('outbox: jobs of a lane go in order, a waiting retry holds its lane only', () => {
    const ticket = open('c1');
    const a1 = store.enqueue({ ticketId: ticket.id, lane: 'A', job: line('a1'), at });
    const a2 = store.enqueue({ ticketId: ticket.id, lane: 'A', job: line('a2'), at });
    const b1 = store.enqueue({ ticketId: ticket.id, lane: 'B', job: line('b1'), at });
    expect(store.dueJobs(at, 10).map((job) => job.id)).toEqual([a1, b1]);

    expect(store.markSending(a1, at)).toBe(true);
    expect(store.markSending(a1, at)).toBe(false);
    store.markRetry(a1, later(30), 'HTTP 500', at);
    store.markSending(b1, at);
    store.markSent(b1, at);
    expect(store.dueJobs(at, 10)).toEqual([]);
    expect(store.dueJobs(later(30), 10).map((job) => [job.id, job.attempts])).toEqual([[a1, 1]]);
    store.markSending(a1, later(30));
    store.markFailed(a1, 'HTTP 500', later(30));
    expect(store.dueJobs(later(30), 10).map((job) => job.id)).toEqual([a2]);
    expect(store.pendingJobs()).toBe(1);
  });

  test('after a crash, interrupted jobs are sent again, except at-most-once ones', () => {
    const ticket = open('c1');
    const relay = store.enqueue({ ticketId: ticket.id, lane: 'A', job: line('staff words'), at });
    const followUp = store.enqueue({
      ticketId: ticket.id,
      lane: 'B',
      job: line('follow-up'),
      atMostOnce: true,
      at,
    });
    store.markSending(relay, at);
    store.markSending(followUp, at);
    const { requeued, abandoned } = store.recoverInterrupted(later(5));
    expect(requeued).toBe(1);
    expect(abandoned.map((job) => job.id)).toEqual([followUp]);
    expect(store.dueJobs(later(5), 10).map((job) => job.id)).toEqual([relay]);
  });

  test('a follow-up is claimed once', () => {
    const ticket = open('c1');
    store.update(ticket.id, { status: 'resolved', resolvedAt: at, followUpDueAt: later(60) }, at);
    expect(store.dueFollowUps(later(59), 10)).toEqual([]);
    expect(store.dueFollowUps(later(60), 10).map((due) => due.id)).toEqual([ticket.id]);
    expect(store.claimFollowUp(ticket.id, later(60))).toBe(true);
    expect(store.claimFollowUp(ticket.id, later(61))).toBe(false);
    expect(store.dueFollowUps(later(600), 10)).toEqual([]);
  });
});
