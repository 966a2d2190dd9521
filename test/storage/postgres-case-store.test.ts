/**
 * The CaseStore contract on PostgreSQL, and what replicas add: two replicas booking the last place
 * of a slot at once, one gets it; cases opened at once on several replicas get distinct numbers.
 */
import type { NewCase } from '../../src/core/cases/ports';
import { createPostgresCaseStore } from '../../src/storage/postgres/case-store';
import { createPostgresOutboxStore } from '../../src/storage/postgres/outbox-store';
import { createPool, type PostgresPool } from '../../src/storage/postgres/pool';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { runCaseStoreContract } from './case-store.contract';

const database = postgresTestDatabase();

describePostgres('PostgreSQL', () => {
  runCaseStoreContract('PostgreSQL', async () => {
    const pool = await database.fresh();
    return {
      cases: createPostgresCaseStore(pool),
      outbox: createPostgresOutboxStore(pool, 'test'),
    };
  });

  describe('cases on several replicas', () => {
    const pools: PostgresPool[] = [];
    afterEach(async () => {
      await Promise.all(pools.splice(0).map((pool) => pool.end()));
    });
    const at = new Date('2026-12-07T10:00:00Z');
    const newCase = (n: number, appointment?: NewCase['appointment']): NewCase => ({
      kind: 'repair',
      status: 'received',
      customer: { channel: 'telegram', conversationId: `c${n}` },
      userId: `u${n}`,
      reference: null,
      locale: 'sr',
      script: 'latin',
      by: 'bot',
      at,
      ...(appointment ? { appointment } : {}),
    });
    async function replicas(count: number) {
      await database.fresh();
      return Array.from({ length: count }, () => {
        const pool = createPool(database.url(), { max: 4 });
        pools.push(pool);
        return createPostgresCaseStore(pool);
      });
    }

    test('the last place of a slot goes to one of the replicas booking it at once', async () => {
      const stores = await replicas(3);
      const slot = {
        branch: 'novi-sad',
        mode: 'carry-in' as const,
        start: new Date('2026-12-09T09:00:00Z'),
        end: new Date('2026-12-09T10:00:00Z'),
      };
      const results = await Promise.all(
        stores.flatMap((store, r) =>
          [0, 1].map((n) => store.openCase(newCase(r * 2 + n, slot), { capacity: 2 })),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(2);
      expect(results.filter((result) => !result.ok)).toHaveLength(4);
      const counts = await stores[0]!.bookedCounts('novi-sad', 'carry-in', slot.start, slot.end);
      expect(counts.get(slot.start.toISOString())).toBe(2);
    });

    test('cases opened at once on several replicas get distinct, consecutive numbers', async () => {
      const stores = await replicas(3);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, n) => stores[n % 3]!.openCase(newCase(n))),
      );
      const ids = results.map((result) => (result.ok ? result.case.id : 'refused')).sort();
      expect(ids).toEqual(
        Array.from({ length: 12 }, (_, n) => `R-2612-${String(n + 1).padStart(4, '0')}`),
      );
    });
  });
});
