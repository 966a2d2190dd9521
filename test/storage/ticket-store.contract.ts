/**
 * The shared contract every TicketStore backend passes (SQLite and PostgreSQL). A backend's test
 * file calls `runTicketStoreContract('name', () => newEmptyStores())`: the ticket store and the
 * OutboxStore on the same database (or a Promise of them); the suite uses the ports only. The
 * desk's jobs are the `handoff` queue of that outbox and commit with the ticket change.
 */
import type { OutboxJob, TicketStore } from '../../src/core/handoff/ports';
import { HANDOFF_QUEUE, queueHandoffJob } from '../../src/core/handoff/relay-outbox';
import type { OutboxStore } from '../../src/core/outbox-store';
import type { AsyncPort } from '../../src/storage/postgres/async-port';
import { asAsync } from './backend';

export interface TicketStores {
  readonly tickets: TicketStore;
  /** The OutboxStore on the same database. */
  readonly outbox: OutboxStore | AsyncPort<OutboxStore>;
}

export function runTicketStoreContract(
  name: string,
  createStores: () => TicketStores | Promise<TicketStores>,
): void {
  describe(`TicketStore contract: ${name}`, () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const later = (seconds: number): Date => new Date(at.getTime() + seconds * 1000);
    const line = (text: string): OutboxJob => ({
      kind: 'staff-line',
      line: { kind: 'event', text },
    });
    let store: TicketStore;
    let outbox: OutboxStore;
    beforeEach(async () => {
      const stores = await createStores();
      store = stores.tickets;
      outbox = asAsync(stores.outbox) as OutboxStore;
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

    test('work that throws inside atomically() leaves nothing behind, its jobs included', async () => {
      const ticket = await open('c1');
      await expect(
        store.atomically(async () => {
          await store.addMessage(ticket.id, { author: 'customer', text: 'lost', at });
          await queueHandoffJob(outbox, { ticketId: ticket.id, lane: 'A', job: line('lost'), at });
          throw new Error('the send failed');
        }),
      ).rejects.toThrow('the send failed');
      expect(await store.messages(ticket.id)).toEqual([]);
      expect(await outbox.pending(HANDOFF_QUEUE)).toBe(0);
    });

    test('a ticket change and the jobs it queues commit together', async () => {
      const ticket = await open('c1');
      await store.atomically(async () => {
        await store.update(ticket.id, { status: 'claimed', assignee: 'U1', claimedAt: at }, at);
        await queueHandoffJob(outbox, {
          ticketId: ticket.id,
          lane: `staff:${ticket.id}`,
          job: { kind: 'staff-update' },
          atMostOnce: true,
          at,
        });
      });
      expect((await store.get(ticket.id))?.status).toBe('claimed');
      const [job] = await outbox.due(HANDOFF_QUEUE, later(1), 10);
      expect(job).toMatchObject({
        lane: `staff:${ticket.id}`,
        job: { ticketId: ticket.id, job: { kind: 'staff-update' } },
        atMostOnce: true,
      });
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
