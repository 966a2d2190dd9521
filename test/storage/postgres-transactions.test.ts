/**
 * One unit of work across several PostgreSQL stores: inside `inTransaction`, every store on the
 * same pool joins the open transaction (one connection), so a ticket change and the jobs it
 * queues, or a whole turn, commit together or not at all, and nobody outside sees half of it.
 */
import { createPostgresConversationStore } from '../../src/storage/postgres/conversation-store';
import { createPostgresOutboxStore } from '../../src/storage/postgres/outbox-store';
import { inTransaction } from '../../src/storage/postgres/pool';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';

const database = postgresTestDatabase();
const at = new Date('2026-01-10T12:00:00Z');
const key = { channel: 'webchat', conversationId: 'w-tx' };

describePostgres('PostgreSQL transactions across stores', () => {
  test('a failure rolls back what every store wrote in the unit of work', async () => {
    const pool = await database.fresh();
    const outbox = createPostgresOutboxStore(pool, 'r1');
    const conversations = createPostgresConversationStore(pool);
    await expect(
      inTransaction(pool, async () => {
        await outbox.enqueue({ queue: 'webchat', lane: 'w-tx', job: { n: 1 }, at });
        const state = await conversations.loadState(key);
        await conversations.saveState(key, { ...state, fallbacks: 7 }, at);
        throw new Error('the send step failed');
      }),
    ).rejects.toThrow('the send step failed');
    expect(await outbox.pending('webchat')).toBe(0);
    expect((await conversations.loadState(key)).fallbacks).not.toBe(7);
  });

  test('what a unit of work writes is seen by others only once it commits; nested units join', async () => {
    const pool = await database.fresh();
    const outbox = createPostgresOutboxStore(pool, 'r1');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const unit = inTransaction(pool, async () => {
      await outbox.enqueue({ queue: 'webchat', lane: 'a', job: { n: 1 }, at });
      await inTransaction(pool, async () => {
        await outbox.enqueue({ queue: 'webchat', lane: 'b', job: { n: 2 }, at });
      });
      // Inside: both are there.
      expect(await outbox.pending('webchat')).toBe(2);
      wrote();
      await held;
    });
    await written;
    // Outside (another connection of the pool): nothing yet.
    expect(await outbox.pending('webchat')).toBe(0);
    release();
    await unit;
    expect(await outbox.pending('webchat')).toBe(2);
  });
});
