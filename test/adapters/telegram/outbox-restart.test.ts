/**
 * A reply Telegram refused past every retry is not lost to a restart: it waits in the app's
 * SQLite file, and the next app on the same file sends it once the platform is back.
 */
import { eventually } from '../../helpers/eventually';
import { startTelegramHarness, visibleTexts, type TelegramHarness } from './harness';

let harness: TelegramHarness;

afterEach(async () => {
  await harness?.close();
});

const chatId = 777;
const question = 'How long is the warranty?';

describe('Telegram outbox across a restart', () => {
  it('sends a reply refused with 500 past all retries once, from the next app on the same database', async () => {
    // A later attempt a minute away: nothing is retried before the restart.
    harness = await startTelegramHarness({ laterDelaysMs: [60_000] });
    const expected = visibleTexts(
      await harness.core.expectedReplies({ text: question, localeHint: 'en' }),
    );
    expect(expected.length).toBeGreaterThan(0);
    harness.telegram.log.failNext('sendMessage', 1_000, { status: 500 });

    harness.telegram.pushUpdate(harness.telegram.textUpdate({ chatId, text: question }));
    // One call and the client's two retries (fastRetry), all refused.
    await harness.telegram.log.waitUntil(
      (calls) =>
        calls.filter((call) => call.method === 'sendMessage' && call.status === 500).length === 3,
      'three refused sends',
    );
    await eventually(
      async () => (await harness.core.context.outbox.pending('telegram')) === expected.length,
      'the replies stored for later',
    );
    expect(harness.telegram.sentMessages()).toEqual([]);

    // The platform recovers; the next run's clock is past the stored attempt's due time.
    harness.telegram.log.failNext('sendMessage', 0, { status: 500 });
    await harness.restart({ clock: { now: () => new Date(Date.now() + 61_000) } });
    await harness.telegram.log.waitForSucceeded('sendMessage', expected.length);

    // Another chat's answer after it: had the stored reply been sent twice, it would show by then.
    harness.telegram.pushUpdate(harness.telegram.textUpdate({ chatId: 778, text: question }));
    await harness.telegram.log.waitUntil(
      () => harness.telegram.sentMessages().some((message) => message.chat.id === 778),
      'the other chat answered',
    );
    expect(
      harness.telegram
        .sentMessages()
        .filter((message) => message.chat.id === chatId)
        .map((message) => message.text),
    ).toEqual(expected);
    expect(
      harness.telegram.log.attempts('sendMessage').filter((call) => call.status === 500),
    ).toHaveLength(3);
    // Every reply is a committed outbox job, marked sent once Telegram accepted it.
    await eventually(
      async () => (await harness.core.context.outbox.pending('telegram')) === 0,
      'every job marked sent',
    );
    // Each update reached the core once: the reply came from the store, not from the question asked again.
    expect(harness.core.storedTexts('telegram')).toEqual([question, question]);
  });
});
