/**
 * Aftercare mounted as middleware in a company's existing Telegraf bot, polling the same local
 * Telegram Bot API stand-in (telegraf's `telegram.apiRoot`), with the real app behind it.
 */
import { Telegraf } from 'telegraf';
import {
  createTelegrafAftercare,
  createTelegrafWebhook,
  type TelegrafAftercare,
} from '../../../adapters/telegram/telegraf-middleware';
import { startTelegramStandIn, type TelegramStandIn } from '../../stand-ins/telegram-bot-api';
import { startTestCore, type TestCore } from '../support/test-core';
import { fastRetry, visibleTexts } from './harness';

interface Host {
  bot: Telegraf;
  aftercare: TelegrafAftercare;
}

let telegram: TelegramStandIn;
let core: TestCore;
let host: Host;

async function launchHost(): Promise<Host> {
  const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
  // The company's own command, registered before Aftercare: it must keep working.
  bot.command('order', (ctx) => ctx.reply('Order #1 ships tomorrow.'));
  const aftercare = createTelegrafAftercare(
    { telegram: bot.telegram, retry: fastRetry, laterDelaysMs: [20, 20, 20] },
    core.context,
  );
  bot.use(aftercare.middleware);
  const polls = telegram.log.arrivals.filter((method) => method === 'getUpdates').length;
  let failed: unknown = null;
  bot.launch({ dropPendingUpdates: false }).catch((error: unknown) => {
    failed = error;
  });
  // launch() resolves only when polling ends; polling has started once Telegram sees getUpdates.
  await telegram.log.waitUntil(
    () =>
      failed !== null ||
      telegram.log.arrivals.filter((method) => method === 'getUpdates').length > polls,
    'the host bot polling',
  );
  if (failed !== null) throw failed;
  return { bot, aftercare };
}

async function stopHost(): Promise<void> {
  host.bot.stop('test');
  await host.aftercare.adapter.stop();
}

beforeEach(async () => {
  telegram = await startTelegramStandIn();
  core = await startTestCore();
});

afterEach(async () => {
  await telegram.close();
  await core.close();
});

const chatId = 555;

describe('Telegram (Telegraf middleware, host bot polling)', () => {
  beforeEach(async () => {
    host = await launchHost();
  });

  afterEach(async () => {
    await stopHost();
  });

  it('answers a question through the host bot', async () => {
    const question = 'How long is the warranty?';
    const expected = await core.expectedReplies({ text: question, localeHint: 'en' });

    telegram.pushUpdate(telegram.textUpdate({ chatId, text: question }));
    await telegram.log.waitForSucceeded('sendMessage', visibleTexts(expected).length);

    expect(telegram.sentMessages().map((message) => message.text)).toEqual(visibleTexts(expected));
    expect(telegram.log.succeeded('sendMessage').map((call) => call.payload.parse_mode)).toEqual(
      visibleTexts(expected).map(() => 'HTML'),
    );
  });

  it("leaves the host bot's own commands to the host", async () => {
    telegram.pushUpdate(telegram.textUpdate({ chatId, text: '/order' }));
    await telegram.log.waitForSucceeded('sendMessage');

    expect(telegram.sentMessages().map((message) => message.text)).toEqual([
      'Order #1 ships tomorrow.',
    ]);
    expect(core.storedIncoming('telegram')).toBe(0);
  });

  it('turns a pressed button into the choice and answers the callback query', async () => {
    const question = '/language';
    const [prompt] = await core.expectedReplies({ text: question, localeHint: 'en' });
    const choice = prompt?.choices.at(-1);
    if (choice === undefined) throw new Error(`the core offers no choices for "${question}"`);
    const expected = await core.expectedReplies(
      { text: question, localeHint: 'en' },
      { text: choice.label, choiceId: choice.id, localeHint: 'en' },
    );

    telegram.pushUpdate(telegram.textUpdate({ chatId, text: question }));
    await telegram.log.waitUntil(
      () => telegram.sentMessages().some((message) => message.reply_markup !== undefined),
      'a keyboard',
    );
    const keyboard = telegram.sentMessages().find((message) => message.reply_markup !== undefined);
    if (keyboard === undefined) throw new Error('no keyboard');
    const before = telegram.sentMessages().length;

    const press = telegram.pushUpdate(telegram.pressUpdate(keyboard, choice.label));
    await telegram.log.waitForSucceeded('sendMessage', before + visibleTexts(expected).length);

    expect(
      telegram
        .sentMessages()
        .slice(before)
        .map((message) => message.text),
    ).toEqual(visibleTexts(expected));
    expect(
      telegram.log.succeeded('answerCallbackQuery').map((call) => call.payload.callback_query_id),
    ).toEqual([(press.callback_query as { id: string }).id]);
  });

  it('answers a redelivered update once, also after a restart', async () => {
    const update = telegram.pushUpdate(
      telegram.textUpdate({ chatId, text: 'How long is the warranty?' }),
    );
    await telegram.log.waitForSucceeded('sendMessage');
    const answers = telegram.sentMessages().length;

    await stopHost();
    await core.restart();
    host = await launchHost();
    telegram.pushUpdate(update);
    telegram.pushUpdate(telegram.textUpdate({ chatId: 556, text: 'How long is the warranty?' }));
    await telegram.log.waitUntil(
      () => telegram.sentMessages().some((message) => message.chat.id === 556),
      'the later update answered',
    );

    expect(telegram.sentMessages().filter((message) => message.chat.id === chatId)).toHaveLength(
      answers,
    );
    expect(core.storedIncoming('telegram')).toBe(2);
  });

  it('waits out a 429 and sends the reply once', async () => {
    telegram.log.failNext('sendMessage', 1, { status: 429, retryAfterSeconds: 0 });

    telegram.pushUpdate(telegram.textUpdate({ chatId, text: 'How long is the warranty?' }));
    await telegram.log.waitForSucceeded('sendMessage');

    expect(telegram.log.attempts('sendMessage').map((call) => call.status)).toEqual([429, 200]);
    expect(telegram.sentMessages()).toHaveLength(1);
  });

  it('retries 500s, keeps the reply past the retries, and the host bot keeps running', async () => {
    telegram.log.failNext('sendMessage', 4, { status: 500 });

    telegram.pushUpdate(telegram.textUpdate({ chatId, text: 'How long is the warranty?' }));
    await telegram.log.waitForSucceeded('sendMessage');
    telegram.pushUpdate(telegram.textUpdate({ chatId, text: '/order' }));
    await telegram.log.waitForSucceeded('sendMessage', 2);

    expect(telegram.log.attempts('sendMessage').map((call) => call.status)).toEqual([
      500, 500, 500, 500, 200, 200,
    ]);
    expect(telegram.sentMessages().map((message) => message.text)).toEqual([
      ...visibleTexts(
        await core.expectedReplies({ text: 'How long is the warranty?', localeHint: 'en' }),
      ),
      'Order #1 ships tomorrow.',
    ]);
  });

  it('splits a 5,000-character answer on paragraph boundaries', async () => {
    const choice = { id: 'faq:care-guide', label: 'Give me the complete care guide' };
    const expected = await core.expectedReplies({
      text: choice.label,
      choiceId: choice.id,
      localeHint: 'en',
    });
    expect(expected.map((reply) => reply.text).join('').length).toBeGreaterThanOrEqual(5_000);

    const offer = telegram.earlierKeyboard(chatId, 'Did you mean one of these?', [
      { text: choice.label, callback_data: choice.id },
    ]);
    telegram.pushUpdate(telegram.pressUpdate(offer, choice.label));
    await telegram.log.waitForSucceeded('sendMessage', visibleTexts(expected).length);

    const texts = telegram.sentMessages().map((message) => message.text);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    expect(texts).toEqual(visibleTexts(expected));
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
  });

  it('delivers proactively through the host bot client', async () => {
    const reply = {
      kind: 'answer' as const,
      text: 'Your repair is **done**.',
      locale: 'en',
      choices: [],
      intent: null,
      faq: null,
      confidence: 1,
    };
    await host.aftercare.adapter.deliver(String(chatId), [reply]);
    expect(telegram.sentMessages().map((message) => message.text)).toEqual([
      'Your repair is done.',
    ]);
  });
});

describe('Telegram (Telegraf middleware, host bot on a webhook)', () => {
  const secret = 'telegraf-host-secret_42';
  let aftercare: TelegrafAftercare;

  beforeEach(async () => {
    const bot = new Telegraf(telegram.token, { telegram: { apiRoot: telegram.apiRoot } });
    aftercare = createTelegrafAftercare(
      { telegram: bot.telegram, retry: fastRetry, laterDelaysMs: [20] },
      core.context,
    );
    bot.use(aftercare.middleware);
    core.context.routes.add(
      'POST',
      '/telegraf/webhook',
      createTelegrafWebhook(bot, secret, core.logger, core.context.maxBodyBytes),
    );
    await bot.telegram.setWebhook(`${core.url}/telegraf/webhook`, { secret_token: secret });
  });

  afterEach(async () => {
    await aftercare.adapter.stop();
  });

  it('answers an update posted with the secret, once when Telegram posts it twice', async () => {
    const update = telegram.textUpdate({ chatId, text: 'How long is the warranty?' });
    const expected = visibleTexts(
      await core.expectedReplies({ text: 'How long is the warranty?', localeHint: 'en' }),
    );

    expect(await telegram.deliverToWebhook(update)).toBe(200);
    expect(await telegram.deliverToWebhook(update)).toBe(200);

    expect(telegram.sentMessages().map((message) => message.text)).toEqual(expected);
    expect(core.storedIncoming('telegram')).toBe(1);
  });

  it.each([
    ['without the secret', null],
    ['with a wrong secret', 'telegraf-host-secret_43'],
  ])('refuses an update %s with 401 and stores nothing', async (_case, sent) => {
    expect(
      await telegram.deliverToWebhook(
        telegram.textUpdate({ chatId, text: 'How long is the warranty?' }),
        sent,
      ),
    ).toBe(401);
    expect(core.storedIncoming('telegram')).toBe(0);
    expect(core.storedReferences('telegram')).toBe(0);
    expect(telegram.log.attempts('sendMessage')).toHaveLength(0);
  });
});
