/**
 * The grammY adapter in webhook mode: mounted on the app's own HTTP server, registered with
 * setWebhook, and fed by the stand-in the way Telegram posts updates.
 */
import { startTelegramHarness, visibleTexts, type TelegramHarness } from './harness';

const secret = 'webhook-secret_0123456789';
let harness: TelegramHarness;

beforeEach(async () => {
  harness = await startTelegramHarness({}, secret);
});

afterEach(async () => {
  await harness.close();
});

describe('Telegram (grammY, webhook)', () => {
  it('registers the webhook with the secret token and answers updates posted to it', async () => {
    expect(harness.telegram.webhook).toEqual({
      url: `${harness.core.url}/telegram/webhook`,
      secretToken: secret,
    });
    const question = 'How long is the warranty?';
    const expected = await harness.core.expectedReplies({ text: question, localeHint: 'en' });

    const status = await harness.telegram.deliverToWebhook(
      harness.telegram.textUpdate({ chatId: 31, text: question }),
    );

    expect(status).toBe(200);
    expect(harness.telegram.sentMessages().map((message) => message.text)).toEqual(
      visibleTexts(expected),
    );
  });

  it.each([
    ['without the secret header', null],
    ['with a wrong secret', 'webhook-secret_0123456788'],
    ['with a longer secret', `${secret}x`],
  ])('rejects an update %s with 401 and stores nothing', async (_case, sent) => {
    const status = await harness.telegram.deliverToWebhook(
      harness.telegram.textUpdate({ chatId: 32, text: 'How long is the warranty?' }),
      sent,
    );

    expect(status).toBe(401);
    expect(harness.core.storedIncoming('telegram')).toBe(0);
    expect(harness.core.storedReferences('telegram')).toBe(0);
    expect(harness.telegram.log.attempts('sendMessage')).toHaveLength(0);
  });

  it('answers an update Telegram delivers twice once', async () => {
    const update = harness.telegram.textUpdate({ chatId: 33, text: 'How long is the warranty?' });

    expect(await harness.telegram.deliverToWebhook(update)).toBe(200);
    const answers = harness.telegram.sentMessages().length;
    expect(await harness.telegram.deliverToWebhook(update)).toBe(200);

    expect(answers).toBeGreaterThan(0);
    expect(harness.telegram.sentMessages()).toHaveLength(answers);
    expect(harness.core.storedIncoming('telegram')).toBe(1);
  });

  it('answers an update redelivered after a restart once', async () => {
    const update = harness.telegram.textUpdate({ chatId: 34, text: 'How long is the warranty?' });
    expect(await harness.telegram.deliverToWebhook(update)).toBe(200);
    const answers = harness.telegram.sentMessages().length;

    await harness.restart();
    expect(await harness.telegram.deliverToWebhook(update)).toBe(200);

    expect(harness.telegram.sentMessages()).toHaveLength(answers);
  });

  it('retries a 500 on the way out and answers the webhook call once the reply is sent', async () => {
    harness.telegram.log.failNext('sendMessage', 1, { status: 500 });

    const status = await harness.telegram.deliverToWebhook(
      harness.telegram.textUpdate({ chatId: 35, text: 'How long is the warranty?' }),
    );

    expect(status).toBe(200);
    expect(harness.telegram.log.attempts('sendMessage').map((call) => call.status)).toEqual([
      500, 200,
    ]);
  });
});
