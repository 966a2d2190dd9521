/**
 * The one outbox engine (src/core/outbox/runner.ts) on the OutboxStore backends: order per lane,
 * retries with the handler's delays, giving up (and the give-up hook in the same transaction),
 * recovery of jobs a crash interrupted, and two runners on one store never sending a job twice.
 * Time is a manual clock: a drain sends what is due at the clock's time, nothing waits for real.
 */
import path from 'node:path';
import type { OutboxStore, QueuedJob } from '../../../src/core/outbox-store';
import { PermanentFailure } from '../../../src/core/outbox/retry-policy';
import { createOutboxRunner, type OutboxRunnerOptions } from '../../../src/core/outbox/runner';
import { createMemoryOutboxStore } from '../../../src/storage/memory/outbox-store';
import { gateFor } from '../../../src/storage/sqlite/gate';
import { openDatabase, type SqliteDatabase } from '../../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../../src/storage/sqlite/outbox-store';
import { createPostgresOutboxStore } from '../../../src/storage/postgres/outbox-store';
import { createTestLogger } from '../../adapters/support/test-logger';
import { makeTempDir, removeTempDirs } from '../../helpers/temp-dir';
import { describePostgres } from '../../helpers/postgres';
import { postgresTestDatabase } from '../../helpers/postgres-backend';

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});
afterAll(removeTempDirs);

const newFile = (): string => path.join(makeTempDir('aftercare-runner-'), 'aftercare.db');
function open(file: string): SqliteDatabase {
  const db = openDatabase(file);
  opened.push(db);
  return db;
}

interface Job {
  readonly name: string;
}

const start = new Date('2026-05-04T09:00:00.000Z');

function manualClock() {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

class Temporary extends Error {}

/** A runner whose sends fail as `failures` says (name → how many times), recording what went out. */
function runnerOn(
  store: OutboxStore,
  failures: Map<string, number | 'permanent'> = new Map(),
  extra: Partial<OutboxRunnerOptions<Job>> = {},
) {
  const clock = manualClock();
  const sent: string[] = [];
  const logger = createTestLogger();
  const runner = createOutboxRunner<Job>({
    store,
    queue: 'test',
    now: clock.now,
    logger,
    retryDelaysMs: () => [1_000, 5_000],
    async send(job) {
      const failing = failures.get(job.name);
      if (failing === 'permanent') throw new PermanentFailure(`${job.name} refused`);
      if (failing !== undefined && failing > 0) {
        failures.set(job.name, failing - 1);
        throw new Temporary(`${job.name}: 502`);
      }
      sent.push(job.name);
    },
    ...extra,
  });
  const queue = (lane: string, ...names: string[]) =>
    Promise.all(
      names.map((name) => store.enqueue({ queue: 'test', lane, job: { name }, at: clock.now() })),
    );
  return { runner, sent, clock, logger, queue };
}

const backends: [string, () => OutboxStore][] = [
  ['memory', createMemoryOutboxStore],
  ['SQLite file', () => createSqliteOutboxStore(open(newFile()))],
];

describe.each(backends)('the outbox runner on %s', (_name, newStore) => {
  test('sends each lane in order; a job waiting for a retry holds back its lane only', async () => {
    const store = newStore();
    const { runner, sent, clock, queue } = runnerOn(store, new Map([['a1', 1]]));
    await queue('A', 'a1');
    await queue('A', 'a2');
    await queue('B', 'b1');
    await queue('A', 'a3');
    await runner.drain();
    expect(sent).toEqual(['b1']);
    expect(await runner.pending('A')).toBe(3);
    clock.advance(999);
    await runner.drain();
    expect(sent).toEqual(['b1']);
    clock.advance(1);
    await runner.drain();
    expect(sent).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(await runner.pending()).toBe(0);
  });

  test('waits the next delay after each failure and gives up after the last, with the hook', async () => {
    const store = newStore();
    const givenUp: [string, string, number][] = [];
    const { runner, sent, clock, logger, queue } = runnerOn(store, new Map([['a', 9]]), {
      onGiveUp: async (job, entry, error) => void givenUp.push([job.name, error, entry.attempts]),
    });
    await queue('A', 'a', 'b');
    const woken: (Date | null)[] = [];
    const watched = createOutboxRunner<Job>({
      store,
      queue: 'test',
      now: clock.now,
      logger,
      retryDelaysMs: () => [],
      send: () => Promise.reject(new Error('never called: nothing is due')),
      wake: (at) => void woken.push(at),
    });
    await runner.drain();
    expect(await store.nextDueAt('test')).toEqual(new Date(start.getTime() + 1_000));
    clock.advance(1_000);
    await runner.drain();
    expect(await store.nextDueAt('test')).toEqual(new Date(start.getTime() + 6_000));
    await watched.drain();
    expect(woken).toEqual([new Date(start.getTime() + 6_000)]);
    clock.advance(5_000);
    await runner.drain();
    expect(givenUp).toEqual([['a', 'a: 502', 3]]);
    expect(sent).toEqual(['b']);
    expect(await runner.pending()).toBe(0);
    await watched.drain();
    expect(woken.at(-1)).toBeNull();
    expect(logger.lines.map((line) => [line.level, line.fields.attempt])).toEqual([
      ['warn', 1],
      ['warn', 2],
      ['error', 3],
    ]);
  });

  test('gives a permanent failure up at once and goes on with the lane', async () => {
    const store = newStore();
    const givenUp: string[] = [];
    const { runner, sent, logger, queue } = runnerOn(store, new Map([['a', 'permanent']]), {
      onGiveUp: async (job) => void givenUp.push(job.name),
      texts: { refused: 'refused for good' },
    });
    await queue('A', 'a', 'b');
    await runner.drain();
    expect(sent).toEqual(['b']);
    expect(givenUp).toEqual(['a']);
    expect(logger.lines.map((line) => line.message)).toEqual(['refused for good']);
  });

  test('marks a job sent only once the send resolved; meanwhile its lane waits', async () => {
    const store = newStore();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { runner, clock, queue } = runnerOn(store);
    const sent: string[] = [];
    const slow = createOutboxRunner<Job>({
      store,
      queue: 'test',
      now: clock.now,
      logger: createTestLogger(),
      retryDelaysMs: () => [1_000],
      async send(job) {
        if (job.name === 'a1') await held;
        sent.push(job.name);
      },
    });
    await queue('A', 'a1', 'a2');
    const draining = slow.drain();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await store.due('test', clock.now(), 10)).toEqual([]);
    await runner.drain();
    expect(await runner.pending()).toBe(2);
    release();
    await draining;
    expect(sent).toEqual(['a1', 'a2']);
    expect(await runner.pending()).toBe(0);
  });

  test('after a crash, recover() sends interrupted jobs again and sets at-most-once ones aside', async () => {
    const store = newStore();
    const { runner, sent, clock, logger } = runnerOn(store);
    const reply = await store.enqueue({
      queue: 'test',
      lane: 'A',
      job: { name: 'reply' },
      at: clock.now(),
    });
    const followUp = await store.enqueue({
      queue: 'test',
      lane: 'B',
      job: { name: 'follow-up' },
      atMostOnce: true,
      at: clock.now(),
    });
    // The crashed process had claimed both and never finished.
    expect(await store.claim(reply, clock.now())).toBe(true);
    expect(await store.claim(followUp, clock.now())).toBe(true);
    await runner.drain();
    expect(sent).toEqual([]);
    const recovered = await runner.recover();
    expect(recovered.requeued).toBe(1);
    expect(recovered.abandoned.map((job: QueuedJob) => job.id)).toEqual([followUp]);
    await runner.drain();
    expect(sent).toEqual(['reply']);
    expect(logger.lines.map((line) => line.level)).toEqual(['warn', 'warn']);
  });

  test('claims nothing more once closed', async () => {
    const store = newStore();
    const { runner, sent, queue } = runnerOn(store);
    await queue('A', 'a');
    await runner.close();
    await runner.drain();
    expect(sent).toEqual([]);
    expect(await runner.pending()).toBe(1);
  });
});

/** Two runners (two processes) drain one outbox at once: every job goes out once, lanes in order. */
async function twoRunners(stores: readonly [OutboxStore, OutboxStore]): Promise<void> {
  const sent: string[] = [];
  const clock = manualClock();
  const runners = stores.map((store, index) =>
    createOutboxRunner<Job>({
      store,
      queue: 'test',
      now: clock.now,
      logger: createTestLogger(),
      retryDelaysMs: () => [0, 0, 0],
      async send(job) {
        // Yield, so the two runners' claims and sends interleave.
        await new Promise((resolve) => setImmediate(resolve));
        if (job.name.endsWith('-3') && index === 0 && !sent.includes(`x${job.name}`)) {
          sent.push(`x${job.name}`);
          throw new Temporary('once');
        }
        sent.push(job.name);
      },
    }),
  );
  const names: string[] = [];
  for (let n = 0; n < 8; n++)
    for (const lane of ['A', 'B', 'C', 'D']) {
      names.push(`${lane}-${n}`);
      await stores[0].enqueue({ queue: 'test', lane, job: { name: `${lane}-${n}` }, at: start });
    }
  while ((await stores[0].pending('test')) > 0)
    await Promise.all(runners.map((runner) => runner.drain()));
  const delivered = sent.filter((name) => !name.startsWith('x'));
  expect([...delivered].sort()).toEqual([...names].sort());
  for (const lane of ['A', 'B', 'C', 'D'])
    expect(delivered.filter((name) => name.startsWith(lane))).toEqual(
      names.filter((name) => name.startsWith(lane)),
    );
}

test('two runners on one memory store never send a job twice and keep each lane in order', async () => {
  const store = createMemoryOutboxStore();
  await twoRunners([store, store]);
});

test('two runners on one SQLite file (two connections) never send a job twice', async () => {
  const file = newFile();
  await twoRunners([createSqliteOutboxStore(open(file)), createSqliteOutboxStore(open(file))]);
});

test('a give-up and what its hook writes commit together, or neither does', async () => {
  const db = open(newFile());
  const store = createSqliteOutboxStore(db);
  let hookFails = true;
  const { runner, clock, queue } = runnerOn(store, new Map([['a', 'permanent']]), {
    atomically: (work) => gateFor(db).atomically(work),
    async onGiveUp(job, _entry, error, at) {
      await store.enqueue({
        queue: 'reports',
        lane: 'A',
        job: { name: `${job.name}: ${error}` },
        at,
      });
      if (hookFails) throw new Error('the report could not be written');
    },
  });
  await queue('A', 'a');
  await expect(runner.drain()).rejects.toThrow('the report could not be written');
  expect(await store.pending('reports')).toBe(0);
  // The job is still claimed, as after a crash: a restart's recovery tries it again.
  hookFails = false;
  await runner.recover();
  await runner.drain();
  expect(await store.pending('test')).toBe(0);
  expect((await store.due('reports', clock.now(), 10)).map((entry) => entry.job)).toEqual([
    { name: 'a: a refused' },
  ]);
});

const database = postgresTestDatabase();

describePostgres('the outbox runner on PostgreSQL', () => {
  test('two runners (two replicas) on one outbox never send a job twice', async () => {
    const pool = await database.fresh();
    await twoRunners([
      createPostgresOutboxStore(pool, 'r1'),
      createPostgresOutboxStore(pool, 'r2'),
    ]);
  });
});
