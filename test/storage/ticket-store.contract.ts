/**
 * The shared contract every TicketStore backend passes (SQLite today). A backend's test file calls
 * `runTicketStoreContract('name', () => newEmptyStore())`; the suite uses the port only.
 */
import type { OutboxJob, TicketStore } from '../../src/core/handoff/ports';

export function runTicketStoreContract(name: string, createStore: () => TicketStore): void {
  describe(`TicketStore contract: ${name}`, () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const later = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);
    const line = (text: string): OutboxJob => ({
      kind: 'staff-line',
      line: { kind: 'event', text },
    });
    let store: TicketStore;
    beforeEach(() => {
      store = createStore();
    });
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

    test('an unknown ticket, thread or conversation is null, not an error', () => {
      expect(store.get('999')).toBeNull();
      expect(store.byThread('slack', 'C9/9.9')).toBeNull();
      expect(store.activeFor({ channel: 'telegram', conversationId: 'nobody' })).toBeNull();
      expect(store.latestFor({ channel: 'telegram', conversationId: 'nobody' })).toBeNull();
      expect(store.list()).toEqual([]);
    });

    test('work that throws inside atomically() leaves nothing behind', () => {
      const ticket = open('c1');
      expect(() =>
        store.atomically(() => {
          store.addMessage(ticket.id, { author: 'customer', text: 'lost', at });
          store.enqueue({ ticketId: ticket.id, lane: 'A', job: line('lost'), at });
          throw new Error('the send failed');
        }),
      ).toThrow('the send failed');
      expect(store.messages(ticket.id)).toEqual([]);
      expect(store.pendingJobs()).toBe(0);
    });

    test('a message redelivered with the same platform id is recorded once', () => {
      const ticket = open('c1');
      expect(
        store.addMessage(ticket.id, { author: 'staff', text: 'hi', sourceId: 'Ev1', at }),
      ).toBe(true);
      expect(
        store.addMessage(ticket.id, { author: 'staff', text: 'hi', sourceId: 'Ev1', at }),
      ).toBe(false);
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
}
