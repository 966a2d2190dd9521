/**
 * The ConversationStore contract on PostgreSQL (the throw-away cluster of the test run), and what
 * replicas add: turns of one conversation, on two replicas (two pools), run one at a time.
 */
import { emptyState, type ConversationStore } from '../../src/core/ports';
import { createPostgresConversationStore } from '../../src/storage/postgres/conversation-store';
import { createPool, type PostgresPool } from '../../src/storage/postgres/pool';
import { eventually } from '../helpers/eventually';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { runConversationStoreContract } from './conversation-store.contract';

const database = postgresTestDatabase();

describePostgres('PostgreSQL', () => {
  runConversationStoreContract('PostgreSQL', async () =>
    createPostgresConversationStore(await database.fresh()),
  );

  test("a turn's first read of the state waits for the turn of the same conversation on another replica", async () => {
    await database.fresh();
    const pools: PostgresPool[] = [createPool(database.url()), createPool(database.url())];
    let finishFirst: () => void = () => undefined;
    try {
      const one: ConversationStore = createPostgresConversationStore(pools[0]!);
      const two: ConversationStore = createPostgresConversationStore(pools[1]!);
      const key = { channel: 'webchat', conversationId: 'c1' };
      const other = { channel: 'webchat', conversationId: 'c2' };
      const at = new Date('2026-01-10T12:00:00Z');
      const held = new Promise<void>((resolve) => (finishFirst = resolve));
      const events: string[] = [];
      const first = one.commitTurn(async () => {
        const state = await one.loadState(key);
        events.push('first read');
        await held;
        await one.saveState(key, { ...state, fallbacks: state.fallbacks + 1 }, at);
      });
      await eventually(async () => events.includes('first read'), 'the first turn under way');
      // Another conversation's turn does not wait.
      await two.commitTurn(async () => void (await two.loadState(other)));
      const second = two.commitTurn(async () => {
        const state = await two.loadState(key);
        events.push(`second read ${state.fallbacks}`);
        await two.saveState(key, { ...state, fallbacks: state.fallbacks + 1 }, at);
      });
      // The second turn waits on the conversation's lock (seen from the server), then goes on.
      await eventually(async () => {
        const { rows } = await pools[0]!.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        );
        return rows[0]?.n === 1;
      }, 'the second turn waiting for the lock');
      expect(events).toEqual(['first read']);
      finishFirst();
      await Promise.all([first, second]);
      expect(events).toEqual(['first read', 'second read 1']);
      expect((await one.loadState(key)).fallbacks).toBe(2);
      expect(await one.loadState(other)).toEqual(emptyState());
    } finally {
      finishFirst();
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
