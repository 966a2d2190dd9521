/**
 * The OutboxStore contract on PostgreSQL, and what several replicas on one database add: a job is
 * claimed by one replica only, and recovery takes back the jobs of a replica that is gone (its
 * connection ended, as a SIGKILL ends it) but never those a live replica is sending.
 */
import { createPostgresOutboxStore } from '../../src/storage/postgres/outbox-store';
import { createReplica, type Replica } from '../../src/storage/postgres/replica';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { runOutboxStoreContract } from './outbox-store.contract';

const database = postgresTestDatabase();

describePostgres('PostgreSQL', () => {
  runOutboxStoreContract('PostgreSQL', async () =>
    createPostgresOutboxStore(await database.fresh(), 'replica-under-test'),
  );

  describe('several replicas on one outbox', () => {
    const replicas: Replica[] = [];
    afterEach(async () => {
      await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
    });
    const at = new Date('2026-01-10T12:00:00Z');

    async function started(id: string): Promise<Replica> {
      const replica = createReplica(database.url(), id);
      await replica.start();
      replicas.push(replica);
      return replica;
    }

    test('of replicas claiming the same jobs at once, exactly one gets each', async () => {
      const pool = await database.fresh();
      const stores = [1, 2, 3].map((n) => createPostgresOutboxStore(pool, `r${n}`));
      const ids: number[] = [];
      for (let n = 0; n < 20; n++)
        ids.push(await stores[0]!.enqueue({ queue: 'telegram', lane: `L${n}`, job: { n }, at }));
      const claims = await Promise.all(
        stores.flatMap((store) => ids.map(async (id) => ((await store.claim(id, at)) ? id : null))),
      );
      const won = claims.filter((id): id is number => id !== null).sort((a, b) => a - b);
      expect(won).toEqual(ids);
    });

    test("a gone replica's jobs are taken back; a live replica's are left alone", async () => {
      const pool = await database.fresh();
      const alive = await started('alive');
      const doomed = await started('doomed');
      const aliveStore = createPostgresOutboxStore(pool, alive.id);
      const doomedStore = createPostgresOutboxStore(pool, doomed.id);
      const reply = await doomedStore.enqueue({
        queue: 'telegram',
        lane: 'A',
        job: { t: 'reply' },
        at,
      });
      const followUp = await doomedStore.enqueue({
        queue: 'telegram',
        lane: 'B',
        job: { t: 'follow-up' },
        atMostOnce: true,
        at,
      });
      const sendingElsewhere = await aliveStore.enqueue({
        queue: 'telegram',
        lane: 'C',
        job: { t: 'x' },
        at,
      });
      expect(await doomedStore.claim(reply, at)).toBe(true);
      expect(await doomedStore.claim(followUp, at)).toBe(true);
      expect(await aliveStore.claim(sendingElsewhere, at)).toBe(true);

      // A third replica starts while both are alive: nothing of theirs is touched.
      const newcomer = createPostgresOutboxStore(pool, (await started('newcomer')).id);
      expect(await newcomer.recoverInterrupted('telegram', at)).toEqual({
        requeued: 0,
        abandoned: [],
      });

      // The doomed replica dies: its session ends, its liveness lock is free.
      await doomed.stop();
      const recovered = await newcomer.recoverInterrupted('telegram', at);
      expect(recovered.requeued).toBe(1);
      expect(recovered.abandoned.map((job) => job.id)).toEqual([followUp]);
      expect((await newcomer.due('telegram', at, 10)).map((job) => job.id)).toEqual([reply]);
      // The live replica's send is still its own.
      expect(await newcomer.claim(sendingElsewhere, at)).toBe(false);
      expect(await newcomer.pending('telegram', 'C')).toBe(1);
    });
  });
});
