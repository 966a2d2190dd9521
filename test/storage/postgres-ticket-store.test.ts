/**
 * The TicketStore contract on PostgreSQL, and what several replicas on one database add: one
 * active ticket per conversation even when two replicas open it at once, and a follow-up claimed
 * by one replica only.
 */
import type { NewTicket } from '../../src/core/handoff/ports';
import { createPostgresOutboxStore } from '../../src/storage/postgres/outbox-store';
import { createPostgresTicketStore } from '../../src/storage/postgres/ticket-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { runTicketStoreContract } from './ticket-store.contract';

const database = postgresTestDatabase();
const at = new Date('2026-03-02T10:00:00Z');
const newTicket = (conversationId: string): NewTicket => ({
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

describePostgres('PostgreSQL', () => {
  runTicketStoreContract('PostgreSQL', async () => {
    const pool = await database.fresh();
    return {
      tickets: createPostgresTicketStore(pool),
      outbox: createPostgresOutboxStore(pool, 'replica-under-test'),
    };
  });

  test('two replicas opening a ticket for one conversation at once: one ticket', async () => {
    const pool = await database.fresh();
    const [a, b] = [createPostgresTicketStore(pool), createPostgresTicketStore(pool)];
    const results = await Promise.allSettled([
      a.create(newTicket('c1')),
      b.create(newTicket('c1')),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await a.list()).toHaveLength(1);
  });

  test('a due follow-up is claimed by one replica only', async () => {
    const pool = await database.fresh();
    const stores = [1, 2, 3].map(() => createPostgresTicketStore(pool));
    const ticket = await stores[0]!.create(newTicket('c2'));
    await stores[0]!.update(
      ticket.id,
      { status: 'resolved', resolvedAt: at, followUpDueAt: at },
      at,
    );
    const claims = await Promise.all(stores.map((store) => store.claimFollowUp(ticket.id, at)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await stores[1]!.dueFollowUps(at, 10)).toEqual([]);
  });
});
