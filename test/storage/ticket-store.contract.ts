/**
 * The shared contract every TicketStore backend passes (SQLite and PostgreSQL). A backend's test
 * file calls `runTicketStoreContract('name', () => newEmptyStore())` (the store or a Promise of
 * it); the suite uses the port only.
 */
import type { OutboxJob, TicketStore } from '../../src/core/handoff/ports';

export function runTicketStoreContract(
  name: string,
  createStore: () => TicketStore | Promise<TicketStore>,
): void {
  describe(`TicketStore contract: ${name}`, () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const later = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);
    const line = (text: string): OutboxJob => ({
      kind: 'staff-line',
      line: { kind: 'event', text },
    });
    let store: TicketStore;
    beforeEach(async () => {
      store = await createStore();
    });
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

    test('an unknown ticket, thread or conversation is null, not an error', async () => {
      expect(await store.get('999')).toBeNull();
      expect(await store.byThread('slack', 'C9/9.9')).toBeNull();
      expect(await store.activeFor({ channel: 'telegram', conversationId: 'nobody' })).toBeNull();
      expect(await store.latestFor({ channel: 'telegram', conversationId: 'nobody' })).toBeNull();
      expect(await store.list()).toEqual([]);
    });

    test('work that throws inside atomically() leaves nothing behind', async () => {
      const ticket = await open('c1');
      await expect(
        store.atomically(async () => {
          await store.addMessage(ticket.id, { author: 'customer', text: 'lost', at });
          await store.enqueue({ ticketId: ticket.id, lane: 'A', job: line('lost'), at });
          throw new Error('the send failed');
        }),
      ).rejects.toThrow('the send failed');
      expect(await store.messages(ticket.id)).toEqual([]);
      expect(await store.pendingJobs()).toBe(0);
    });

    test('a message redelivered with the same platform id is recorded once', async () => {
      const ticket = await open('c1');
      expect(
        await store.addMessage(ticket.id, { author: 'staff', text: 'hi', sourceId: 'Ev1', at }),
      ).toBe(true);
      expect(
        await store.addMessage(ticket.id, { author: 'staff', text: 'hi', sourceId: 'Ev1', at }),
      ).toBe(false);
      expect(await store.addMessage(ticket.id, { author: 'customer', text: 'hi', at })).toBe(true);
      expect(await store.addMessage(ticket.id, { author: 'customer', text: 'hi', at })).toBe(true);
      expect(await store.messages(ticket.id)).toHaveLength(3);
    });

    test('outbox: jobs of a lane go in order, a waiting retry holds its lane only', async () => {
      const ticket = await open('c1');
      const a1 = await store.enqueue({ ticketId: ticket.id, lane: 'A', job: line('a1'), at });
      const a2 = await store.enqueue({ ticketId: ticket.id, lane: 'A', job: line('a2'), at });
      const b1 = await store.enqueue({ ticketId: ticket.id, lane: 'B', job: line('b1'), at });
      expect((await store.dueJobs(at, 10)).map((job) => job.id)).toEqual([a1, b1]);

      expect(await store.markSending(a1, at)).toBe(true);
      expect(await store.markSending(a1, at)).toBe(false);
      await store.markRetry(a1, later(30), 'HTTP 500', at);
      await store.markSending(b1, at);
      await store.markSent(b1, at);
      expect(await store.dueJobs(at, 10)).toEqual([]);
      expect((await store.dueJobs(later(30), 10)).map((job) => [job.id, job.attempts])).toEqual([
        [a1, 1],
      ]);
      await store.markSending(a1, later(30));
      await store.markFailed(a1, 'HTTP 500', later(30));
      expect((await store.dueJobs(later(30), 10)).map((job) => job.id)).toEqual([a2]);
      expect(await store.pendingJobs()).toBe(1);
    });

    test('after a crash, interrupted jobs are sent again, except at-most-once ones', async () => {
      const ticket = await open('c1');
      const relay = await store.enqueue({
        ticketId: ticket.id,
        lane: 'A',
        job: line('staff words'),
        at,
      });
      const followUp = await store.enqueue({
        ticketId: ticket.id,
        lane: 'B',
        job: line('follow-up'),
        atMostOnce: true,
        at,
      });
      await store.markSending(relay, at);
      await store.markSending(followUp, at);
      const { requeued, abandoned } = await store.recoverInterrupted(later(5));
      expect(requeued).toBe(1);
      expect(abandoned.map((job) => job.id)).toEqual([followUp]);
      expect((await store.dueJobs(later(5), 10)).map((job) => job.id)).toEqual([relay]);
    });

    test('a follow-up is claimed once', async () => {
      const ticket = await open('c1');
      await store.update(
        ticket.id,
        { status: 'resolved', resolvedAt: at, followUpDueAt: later(60) },
        at,
      );
      expect(await store.dueFollowUps(later(59), 10)).toEqual([]);
      expect((await store.dueFollowUps(later(60), 10)).map((due) => due.id)).toEqual([ticket.id]);
      expect(await store.claimFollowUp(ticket.id, later(60))).toBe(true);
      expect(await store.claimFollowUp(ticket.id, later(61))).toBe(false);
      expect(await store.dueFollowUps(later(600), 10)).toEqual([]);
    });
  });
}
