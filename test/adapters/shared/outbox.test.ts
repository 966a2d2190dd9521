/** The outbox: later attempts in order per conversation, permanent refusals dropped, never a throw. */
import { createOutbox } from '../../../adapters/shared/outbox';
import { createTestLogger } from '../support/test-logger';

class Temporary extends Error {}

function setup(failures: Map<string, number>, laterDelaysMs = [5, 5]) {
  const sent: string[] = [];
  const logger = createTestLogger();
  const outbox = createOutbox<string>({
    send: async (job) => {
      const remaining = failures.get(job) ?? 0;
      if (remaining > 0) {
        failures.set(job, remaining - 1);
        throw job.startsWith('permanent') ? new Error('403 Forbidden: bot was blocked by the user') : new Temporary('502');
      }
      sent.push(job);
    },
    isTemporary: (error) => error instanceof Temporary,
    laterDelaysMs,
    logger,
  });
  const until = async (predicate: () => boolean): Promise<void> => {
    while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 2));
  };
  return { sent, logger, outbox, until };
}

describe('outbox', () => {
  it('sends right away when the platform accepts', async () => {
    const { sent, outbox } = setup(new Map());
    await outbox.send('c1', ['a', 'b']);
    expect(sent).toEqual(['a', 'b']);
    expect(outbox.waiting()).toBe(0);
  });

  it('keeps a refused job and the ones after it for later, in order, without rejecting', async () => {
    const { sent, outbox, until } = setup(new Map([['a', 1]]));
    await expect(outbox.send('c1', ['a', 'b'])).resolves.toBeUndefined();
    expect(sent).toEqual([]);
    expect(outbox.waiting()).toBe(2);
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
    expect(logger.lines.map((line) => line.message)).toContain('platform refused a reply; not retrying');
  });

  it('gives up after the last later attempt and says so', async () => {
    const { sent, outbox, logger, until } = setup(new Map([['a', 10]]), [1, 1]);
    await outbox.send('c1', ['a', 'b']);
    await until(() => sent.length === 1);
    expect(sent).toEqual(['b']);
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual(['reply not delivered after all retries; giving up']);
  });

  it('stops its timers on close and reports what was not sent', async () => {
    const { sent, outbox, logger } = setup(new Map([['a', 10]]), [60_000]);
    await outbox.send('c1', ['a']);
    outbox.close();
    expect(sent).toEqual([]);
    expect(logger.lines.at(-1)).toMatchObject({ level: 'error', fields: { lost: 1 } });
  });
});
