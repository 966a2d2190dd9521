/**
 * The outbox: later attempts in order per conversation, permanent refusals dropped, never a throw;
 * refused replies kept in the store and sent by the next run (SQLite files in temp folders).
 */
import path from 'node:path';
import { createOutbox } from '../../../adapters/shared/outbox';
import type { OutboxStore } from '../../../src/core/outbox-store';
import { createMemoryOutboxStore } from '../../../src/storage/memory/outbox-store';
import { openDatabase, type SqliteDatabase } from '../../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../../src/storage/sqlite/outbox-store';
import { makeTempDir, removeTempDirs } from '../../helpers/temp-dir';
import { createTestLogger } from '../support/test-logger';

class Temporary extends Error {}

const opened: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});
afterAll(removeTempDirs);

function openStore(file: string): OutboxStore {
  const db = openDatabase(file);
  opened.push(db);
  return createSqliteOutboxStore(db);
}

function setup(
  failures: Map<string, number>,
  laterDelaysMs = [5, 5],
  store: OutboxStore = createMemoryOutboxStore(),
) {
  const sent: string[] = [];
  const logger = createTestLogger();
  const outbox = createOutbox<string>({
    queue: 'test',
    store,
    send: async (job) => {
      const remaining = failures.get(job) ?? 0;
      if (remaining > 0) {
        failures.set(job, remaining - 1);
        throw job.startsWith('permanent')
          ? new Error('403 Forbidden: bot was blocked by the user')
          : new Temporary('502');
      }
      sent.push(job);
    },
    isTemporary: (error) => error instanceof Temporary,
    laterDelaysMs,
    logger,
  });
  // The limit only turns a hang into a readable failure; nothing asserts on how long it took.
  const until = async (predicate: () => boolean, limitMs = 5_000): Promise<void> => {
    for (
      const start = Date.now();
      !predicate();
      await new Promise((resolve) => setTimeout(resolve, 2))
    ) {
      if (Date.now() - start > limitMs)
        throw new Error(`never happened; sent so far: ${sent.join(', ')}`);
    }
  };
  return { sent, logger, outbox, until };
}

describe('outbox', () => {
  it('sends right away when the platform accepts', async () => {
    const { sent, outbox } = setup(new Map());
    await outbox.send('c1', ['a', 'b']);
    expect(sent).toEqual(['a', 'b']);
    expect(await outbox.waiting()).toBe(0);
  });

  it('keeps a refused job and the ones after it for later, in order, without rejecting', async () => {
    // The later attempt waits long enough that a busy machine cannot run it before the checks below.
    const { sent, outbox, until } = setup(new Map([['a', 1]]), [300, 5]);
    await expect(outbox.send('c1', ['a', 'b'])).resolves.toBeUndefined();
    expect(sent).toEqual([]);
    expect(await outbox.waiting()).toBe(2);
    await outbox.send('c1', ['c']);
    await outbox.send('c2', ['other']);
    expect(sent).toEqual(['other']);
    await until(() => sent.length === 4);
    expect(sent).toEqual(['other', 'a', 'b', 'c']);
  });

  it('drops a permanent refusal with a log line and goes on', async () => {
    const { sent, outbox, logger } = setup(new Map([['permanent-a', 1]]));
    await outbox.send('c1', ['permanent-a', 'b']);
    expect(sent).toEqual(['b']);
    expect(logger.lines.map((line) => line.message)).toContain(
      'platform refused a reply; not retrying',
    );
  });

  it('gives up after the last later attempt and says so', async () => {
    const { sent, outbox, logger, until } = setup(new Map([['a', 10]]), [1, 1]);
    await outbox.send('c1', ['a', 'b']);
    await until(() => sent.length === 1);
    expect(sent).toEqual(['b']);
    expect(
      logger.lines.filter((line) => line.level === 'error').map((line) => line.message),
    ).toEqual(['reply not delivered after all retries; giving up']);
  });

  it('stops its timers on close and reports what was not sent', async () => {
    const { sent, outbox, logger } = setup(new Map([['a', 10]]), [60_000]);
    await outbox.send('c1', ['a']);
    await outbox.close();
    expect(sent).toEqual([]);
    expect(logger.lines.at(-1)).toMatchObject({ level: 'error', fields: { lost: 1 } });
  });

  it('makes the first attempt with firstAttempt when given, and the later ones with send', async () => {
    const { sent, outbox, until } = setup(new Map());
    const firstTries: string[] = [];
    await outbox.send('c1', ['a', 'b'], async (job) => {
      firstTries.push(job);
      if (job === 'a') throw new Temporary('503 from the open turn');
      sent.push(`in turn: ${job}`);
    });
    expect(firstTries).toEqual(['a']);
    await until(() => sent.length === 2);
    expect(sent).toEqual(['a', 'b']);
  });

  it('keeps refused replies in a durable store on close, and the next run sends them once, in order', async () => {
    const file = path.join(makeTempDir('aftercare-outbox-'), 'aftercare.db');
    const first = setup(new Map([['a', 1]]), [50], openStore(file));
    await first.outbox.send('c1', ['a', 'b']);
    await first.outbox.send('c2', ['other']);
    expect(first.sent).toEqual(['other']);
    await first.outbox.close();
    expect(first.logger.lines.at(-1)).toMatchObject({
      level: 'info',
      message: 'replies not yet delivered are kept for the next start',
      fields: { waiting: 2 },
    });
    opened.pop()!.close();

    const next = setup(new Map(), [50], openStore(file));
    await next.outbox.resume();
    await next.until(() => next.sent.length === 2);
    await next.outbox.close();
    expect(next.sent).toEqual(['a', 'b']);
    expect(await next.outbox.waiting()).toBe(0);
  });
});
