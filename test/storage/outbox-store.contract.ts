/**
 * The shared contract every OutboxStore backend passes (SQLite, memory and PostgreSQL). A
 * backend's test file calls `runOutboxStoreContract('name', () => newEmptyStore())`; the suite
 * only uses the port, and awaits every call, so it never branches on which backend it runs against.
 */
import type { OutboxStore } from '../../src/core/outbox-store';
import type { AsyncPort } from '../../src/storage/postgres/async-port';
import { asAsync, type Backend } from './backend';

export function runOutboxStoreContract(
  name: string,
  createStore: () => Backend<OutboxStore>,
): void {
  describe(`OutboxStore contract: ${name}`, () => {
    let store: AsyncPort<OutboxStore>;
    beforeEach(async () => {
      store = asAsync(await createStore());
    });

    const at = new Date('2025-03-01T10:00:00.000Z');
    const later = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);
    const queue = async (
      lane: string,
      text: string,
      extra: { queue?: string; atMostOnce?: boolean; attempts?: number; dueAt?: Date } = {},
    ): Promise<number> =>
      await store.enqueue({ queue: extra.queue ?? 'telegram', lane, job: { text }, at, ...extra });
    const ids = async (now: Date, queueName = 'telegram'): Promise<number[]> =>
      (await store.due(queueName, now, 10)).map((job) => job.id);

    test('a lane goes in order; a job waiting for a retry holds back its lane only', async () => {
      const a1 = await queue('A', 'a1');
      const a2 = await queue('A', 'a2');
      const b1 = await queue('B', 'b1');
      expect(await ids(at)).toEqual([a1, b1]);

      expect(await store.claim(a1, at)).toBe(true);
      await store.reschedule(a1, later(30), 'HTTP 500', at);
      expect(await store.claim(b1, at)).toBe(true);
      await store.markSent(b1, at);
      expect(await ids(at)).toEqual([]);
      expect(await ids(later(30))).toEqual([a1]);

      await store.claim(a1, later(30));
      await store.giveUp(a1, 'HTTP 500', later(30));
      expect(await ids(later(30))).toEqual([a2]);
    });

    test('a job being sent holds back its lane too', async () => {
      const a1 = await queue('A', 'a1');
      await queue('A', 'a2');
      await store.claim(a1, at);
      expect(await ids(later(60))).toEqual([]);
    });

    test('a job is claimed once, and each claim counts an attempt', async () => {
      const fresh = await queue('A', 'fresh');
      const triedOnce = await queue('B', 'tried', { attempts: 1 });
      expect((await store.due('telegram', at, 10)).map((job) => [job.id, job.attempts])).toEqual([
        [fresh, 0],
        [triedOnce, 1],
      ]);
      expect(await store.claim(triedOnce, at)).toBe(true);
      expect(await store.claim(triedOnce, at)).toBe(false);
      await store.reschedule(triedOnce, at, 'HTTP 502', at);
      expect(
        (await store.due('telegram', at, 10)).find((job) => job.id === triedOnce)?.attempts,
      ).toBe(2);
    });

    test('a job queued for later is not due before its time; nextDueAt says when', async () => {
      expect(await store.nextDueAt('telegram')).toBeNull();
      const first = await queue('A', 'later', { dueAt: later(20) });
      await queue('B', 'even later', { dueAt: later(90) });
      expect(await ids(later(19))).toEqual([]);
      expect(await store.nextDueAt('telegram')).toEqual(later(20));
      expect(await ids(later(20))).toEqual([first]);
      await store.claim(first, later(20));
      expect(await store.nextDueAt('telegram')).toEqual(later(90));
    });

    test('nextDueAt names no job held back by an earlier one in its lane', async () => {
      const first = await queue('A', 'retried', { dueAt: later(30) });
      await queue('A', 'behind it');
      expect(await store.nextDueAt('telegram')).toEqual(later(30));
      await store.claim(first, later(30));
      expect(await store.nextDueAt('telegram')).toBeNull();
      await store.markSent(first, later(31));
      expect(await store.nextDueAt('telegram')).toEqual(at);
    });

    test('queues are separate: the same lane name in two queues, each sees its own', async () => {
      const telegram = await queue('42', 'to telegram');
      const slack = await queue('42', 'to slack', { queue: 'slack' });
      await store.claim(telegram, at);
      expect(await ids(at, 'slack')).toEqual([slack]);
      expect(await ids(at, 'telegram')).toEqual([]);
      expect(await store.pending('telegram')).toBe(1);
      expect(await store.pending('slack', '42')).toBe(1);
      expect(await store.pending('teams')).toBe(0);
    });

    test('pending counts waiting and sending jobs, by queue and by lane', async () => {
      const a1 = await queue('A', 'a1');
      const a2 = await queue('A', 'a2');
      await queue('B', 'b1');
      expect([
        await store.pending('telegram'),
        await store.pending('telegram', 'A'),
        await store.pending('telegram', 'C'),
      ]).toEqual([3, 2, 0]);
      await store.claim(a1, at);
      expect(await store.pending('telegram', 'A')).toBe(2);
      await store.markSent(a1, at);
      await store.claim(a2, at);
      await store.giveUp(a2, 'blocked', at);
      expect([await store.pending('telegram'), await store.pending('telegram', 'A')]).toEqual([
        1, 0,
      ]);
    });

    test('a job comes back as the JSON that was queued', async () => {
      const payload = {
        chatId: -1001234,
        payload: {
          text: '<b>Garantie</b> — 24 مهینه',
          parse_mode: 'HTML',
          reply_markup: { inline_keyboard: [[{ text: 'Ja', callback_data: 'faq:x' }]] },
        },
      };
      await store.enqueue({ queue: 'telegram', lane: 'A', job: payload, at });
      expect((await store.due('telegram', at, 1))[0]).toMatchObject({
        queue: 'telegram',
        lane: 'A',
        job: payload,
        atMostOnce: false,
        createdAt: at,
      });
    });

    test('a job that is not JSON is refused', async () => {
      await expect(
        Promise.resolve().then(() =>
          store.enqueue({ queue: 'telegram', lane: 'A', job: undefined, at }),
        ),
      ).rejects.toThrow(/must be JSON/);
    });

    test('after a crash, interrupted jobs of the queue go back to waiting, except at-most-once ones', async () => {
      const reply = await queue('A', 'reply');
      const followUp = await queue('B', 'follow-up', { atMostOnce: true });
      const otherQueue = await queue('C', 'slack reply', { queue: 'slack' });
      for (const id of [reply, followUp, otherQueue]) await store.claim(id, at);

      const { requeued, abandoned } = await store.recoverInterrupted('telegram', later(5));
      expect(requeued).toBe(1);
      expect(abandoned.map((job) => job.id)).toEqual([followUp]);
      expect(await ids(later(5))).toEqual([reply]);
      expect(await store.pending('telegram')).toBe(1);
      expect(await ids(later(5), 'slack')).toEqual([]);
    });

    test('due returns at most `limit` jobs, oldest first', async () => {
      const first = await queue('A', 'a');
      const second = await queue('B', 'b');
      await queue('C', 'c');
      expect((await store.due('telegram', at, 2)).map((job) => job.id)).toEqual([first, second]);
    });
  });
}
