/**
 * The shared contract every OutboxStore backend passes (SQLite and memory). A backend's test
 * file calls `runOutboxStoreContract('name', () => newEmptyStore())`; the suite only uses the
 * port, so it never branches on which backend it runs against.
 */
import type { OutboxStore } from '../../src/core/outbox-store';

export function runOutboxStoreContract(name: string, createStore: () => OutboxStore): void {
  describe(`OutboxStore contract: ${name}`, () => {
    let store: OutboxStore;
    beforeEach(() => {
      store = createStore();
    });

    const at = new Date('2025-03-01T10:00:00.000Z');
    const later = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);
    const queue = (
      lane: string,
      text: string,
      extra: { queue?: string; atMostOnce?: boolean; attempts?: number; dueAt?: Date } = {},
    ): number =>
      store.enqueue({ queue: extra.queue ?? 'telegram', lane, job: { text }, at, ...extra });
    const ids = (now: Date, queueName = 'telegram'): number[] =>
      store.due(queueName, now, 10).map((job) => job.id);

    test('a lane goes in order; a job waiting for a retry holds back its lane only', () => {
      const a1 = queue('A', 'a1');
      const a2 = queue('A', 'a2');
      const b1 = queue('B', 'b1');
      expect(ids(at)).toEqual([a1, b1]);

      expect(store.claim(a1, at)).toBe(true);
      store.reschedule(a1, later(30), 'HTTP 500', at);
      expect(store.claim(b1, at)).toBe(true);
      store.markSent(b1, at);
      expect(ids(at)).toEqual([]);
      expect(ids(later(30))).toEqual([a1]);

      store.claim(a1, later(30));
      store.giveUp(a1, 'HTTP 500', later(30));
      expect(ids(later(30))).toEqual([a2]);
    });

    test('a job being sent holds back its lane too', () => {
      const a1 = queue('A', 'a1');
      queue('A', 'a2');
      store.claim(a1, at);
      expect(ids(later(60))).toEqual([]);
    });

    test('a job is claimed once, and each claim counts an attempt', () => {
      const fresh = queue('A', 'fresh');
      const triedOnce = queue('B', 'tried', { attempts: 1 });
      expect(store.due('telegram', at, 10).map((job) => [job.id, job.attempts])).toEqual([
        [fresh, 0],
        [triedOnce, 1],
      ]);
      expect(store.claim(triedOnce, at)).toBe(true);
      expect(store.claim(triedOnce, at)).toBe(false);
      store.reschedule(triedOnce, at, 'HTTP 502', at);
      expect(store.due('telegram', at, 10).find((job) => job.id === triedOnce)?.attempts).toBe(2);
    });

    test('a job queued for later is not due before its time; nextDueAt says when', () => {
      expect(store.nextDueAt('telegram')).toBeNull();
      const first = queue('A', 'later', { dueAt: later(20) });
      queue('B', 'even later', { dueAt: later(90) });
      expect(ids(later(19))).toEqual([]);
      expect(store.nextDueAt('telegram')).toEqual(later(20));
      expect(ids(later(20))).toEqual([first]);
      store.claim(first, later(20));
      expect(store.nextDueAt('telegram')).toEqual(later(90));
    });

    test('queues are separate: the same lane name in two queues, each sees its own', () => {
      const telegram = queue('42', 'to telegram');
      const slack = queue('42', 'to slack', { queue: 'slack' });
      store.claim(telegram, at);
      expect(ids(at, 'slack')).toEqual([slack]);
      expect(ids(at, 'telegram')).toEqual([]);
      expect(store.pending('telegram')).toBe(1);
      expect(store.pending('slack', '42')).toBe(1);
      expect(store.pending('teams')).toBe(0);
    });

    test('pending counts waiting and sending jobs, by queue and by lane', () => {
      const a1 = queue('A', 'a1');
      const a2 = queue('A', 'a2');
      queue('B', 'b1');
      expect([
        store.pending('telegram'),
        store.pending('telegram', 'A'),
        store.pending('telegram', 'C'),
      ]).toEqual([3, 2, 0]);
      store.claim(a1, at);
      expect(store.pending('telegram', 'A')).toBe(2);
      store.markSent(a1, at);
      store.claim(a2, at);
      store.giveUp(a2, 'blocked', at);
      expect([store.pending('telegram'), store.pending('telegram', 'A')]).toEqual([1, 0]);
    });

    test('a job comes back as the JSON that was queued', () => {
      const payload = {
        chatId: -1001234,
        payload: {
          text: '<b>Garantie</b> — 24 مهینه',
          parse_mode: 'HTML',
          reply_markup: { inline_keyboard: [[{ text: 'Ja', callback_data: 'faq:x' }]] },
        },
      };
      store.enqueue({ queue: 'telegram', lane: 'A', job: payload, at });
      expect(store.due('telegram', at, 1)[0]).toMatchObject({
        queue: 'telegram',
        lane: 'A',
        job: payload,
        atMostOnce: false,
        createdAt: at,
      });
    });

    test('a job that is not JSON is refused', () => {
      expect(() => store.enqueue({ queue: 'telegram', lane: 'A', job: undefined, at })).toThrow(
        /must be JSON/,
      );
    });

    test('after a crash, interrupted jobs of the queue go back to waiting, except at-most-once ones', () => {
      const reply = queue('A', 'reply');
      const followUp = queue('B', 'follow-up', { atMostOnce: true });
      const otherQueue = queue('C', 'slack reply', { queue: 'slack' });
      for (const id of [reply, followUp, otherQueue]) store.claim(id, at);

      const { requeued, abandoned } = store.recoverInterrupted('telegram', later(5));
      expect(requeued).toBe(1);
      expect(abandoned.map((job) => job.id)).toEqual([followUp]);
      expect(ids(later(5))).toEqual([reply]);
      expect(store.pending('telegram')).toBe(1);
      expect(ids(later(5), 'slack')).toEqual([]);
    });

    test('due returns at most `limit` jobs, oldest first', () => {
      const first = queue('A', 'a');
      const second = queue('B', 'b');
      queue('C', 'c');
      expect(store.due('telegram', at, 2).map((job) => job.id)).toEqual([first, second]);
    });
  });
}
