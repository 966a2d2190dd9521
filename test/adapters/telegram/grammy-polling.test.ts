/**
 * The grammY adapter in long-polling mode against the local Telegram Bot API stand-in, with the
 * core behind it: questions, commands, buttons, redelivery, rate limits and server errors.
 */
import { startTelegramHarness, visibleTexts, type TelegramHarness } from './harness';

let harness: TelegramHarness;

afterEach(async () => {
  await harness?.close();
});

const chatId = 777;

describe('Telegram (grammY, long polling)', () => {
  it('answers a question through sendMessage with the reply the core gives', async () => {
    harness = await startTelegramHarness();
    const question = 'How long is the warranty?';
    const expected = await harness.core.expectedReplies({ text: question, localeHint: 'en' });
    expect(expected.length).toBeGreaterThan(0);

    harness.telegram.pushUpdate(harness.telegram.textUpdate({ chatId, text: question }));
    const sent = await harness.telegram.log.waitForSucceeded(
      'sendMessage',
      visibleTexts(expected).length,
    );

    expect(sent.map((call) => call.payload.chat_id)).toEqual(sent.map(() => chatId));
    expect(sent.map((call) => call.payload.parse_mode)).toEqual(sent.map(() => 'HTML'));
    expect(harness.telegram.sentMessages().map((message) => message.text)).toEqual(
      visibleTexts(expected),
    );
  });

  it('passes /start through as the command, with the language_code as locale hint', async () => {
    harness = await startTelegramHarness();
    const expected = await harness.core.expectedReplies({ text: '/start', localeHint: 'vi' });

    harness.telegram.pushUpdate(
      harness.telegram.textUpdate({
        chatId,
        text: '/start@aftercare_test_bot',
        user: { id: 9, first_name: 'Lan', language_code: 'vi' },
      }),
    );
    await harness.telegram.log.waitForSucceeded('sendMessage', visibleTexts(expected).length);

    expect(expected[0]?.locale).toBe('vi');
    expect(harness.telegram.sentMessages().map((message) => message.text)).toEqual(
      visibleTexts(expected),
    );
  });

  it.each(['/help', '/human', '/language'])(
    'passes %s through to the core and sends its answer',
    async (command) => {
      harness = await startTelegramHarness();
      const expected = await harness.core.expectedReplies({ text: command, localeHint: 'en' });

      harness.telegram.pushUpdate(harness.telegram.textUpdate({ chatId, text: command }));
      await harness.telegram.log.waitForSucceeded('sendMessage', visibleTexts(expected).length);

      expect(harness.core.storedTexts('telegram')).toEqual([command]);
      expect(harness.telegram.sentMessages().map((message) => message.text)).toEqual(
        visibleTexts(expected),
      );
    },
  );

  it('turns a pressed button into the choice, answers the callback query and removes the keyboard', async () => {
    harness = await startTelegramHarness();
    const question = '/language';
    const [clarify] = await harness.core.expectedReplies({ text: question, localeHint: 'en' });
    const choice = clarify?.choices[0];
    if (choice === undefined) throw new Error(`the core offers no choices for "${question}"`);
    const expected = await harness.core.expectedReplies(
      { text: question, localeHint: 'en' },
      { text: choice.label, choiceId: choice.id, localeHint: 'en' },
    );

    harness.telegram.pushUpdate(harness.telegram.textUpdate({ chatId, text: question }));
    await harness.telegram.log.waitUntil(
      () => harness.telegram.sentMessages().some((message) => message.reply_markup !== undefined),
      'a keyboard',
    );
    const withKeyboard = harness.telegram
      .sentMessages()
      .find((message) => message.reply_markup !== undefined);
    if (withKeyboard === undefined) throw new Error('no keyboard');
    for (const button of withKeyboard.reply_markup?.inline_keyboard.flat() ?? []) {
      expect(Buffer.byteLength(button.callback_data)).toBeLessThan(64);
    }
    const before = harness.telegram.sentMessages().length;

    const press = harness.telegram.pushUpdate(
      harness.telegram.pressUpdate(withKeyboard, choice.label),
    );
    await harness.telegram.log.waitForSucceeded(
      'sendMessage',
      before + visibleTexts(expected).length,
    );

    expect(
      harness.telegram
        .sentMessages()
        .slice(before)
        .map((message) => message.text),
    ).toEqual(visibleTexts(expected));
    const answered = harness.telegram.log.succeeded('answerCallbackQuery');
    expect(answered.map((call) => call.payload.callback_query_id)).toEqual([
      (press.callback_query as { id: string }).id,
    ]);
    expect(
      harness.telegram.log
        .succeeded('editMessageReplyMarkup')
        .map((call) => call.payload.message_id),
    ).toEqual([withKeyboard.message_id]);
  });

  it('answers a callback query even when there is nothing to say (a button of an old message)', async () => {
    harness = await startTelegramHarness();
    harness.telegram.pushUpdate({
      callback_query: {
        id: 'cb-orphan',
        from: { id: 1, is_bot: false, first_name: 'A' },
        chat_instance: '1',
        data: 'x',
      },
    });
    const answered = await harness.telegram.log.waitForSucceeded('answerCallbackQuery');
    expect(answered.map((call) => call.payload.callback_query_id)).toEqual(['cb-orphan']);
  });

  it('ignores an update_id it already handled, also after a restart', async () => {
    harness = await startTelegramHarness();
    const update = harness.telegram.pushUpdate(
      harness.telegram.textUpdate({ chatId, text: 'How long is the warranty?' }),
    );
    await harness.telegram.log.waitForSucceeded('sendMessage');
    const answers = harness.telegram.sentMessages().length;

    await harness.restart();
    harness.telegram.pushUpdate(update);
    // A later update from another chat: once it is answered, the redelivered one was handled.
    harness.telegram.pushUpdate(
      harness.telegram.textUpdate({ chatId: 779, text: 'How long is the warranty?' }),
    );
    await harness.telegram.log.waitUntil(
      () => harness.telegram.sentMessages().some((message) => message.chat.id === 779),
      'the later update answered',
    );

    expect(
      harness.telegram.sentMessages().filter((message) => message.chat.id === chatId),
    ).toHaveLength(answers);
    expect(harness.core.storedIncoming('telegram')).toBe(2);
  });

  it('waits out a 429 with retry_after and sends the reply once', async () => {
    harness = await startTelegramHarness();
    harness.telegram.log.failNext('sendMessage', 1, { status: 429, retryAfterSeconds: 1 });

    harness.telegram.pushUpdate(
      harness.telegram.textUpdate({ chatId, text: 'How long is the warranty?' }),
    );
    await harness.telegram.log.waitForSucceeded('sendMessage');

    expect(harness.telegram.log.attempts('sendMessage').map((call) => call.status)).toEqual([
      429, 200,
    ]);
    expect(harness.telegram.sentMessages()).toHaveLength(1);
  });

  it('retries a 500 and sends the reply once', async () => {
    harness = await startTelegramHarness();
    harness.telegram.log.failNext('sendMessage', 2, { status: 500 });

    harness.telegram.pushUpdate(
      harness.telegram.textUpdate({ chatId, text: 'How long is the warranty?' }),
    );
    await harness.telegram.log.waitForSucceeded('sendMessage');

    expect(harness.telegram.log.attempts('sendMessage').map((call) => call.status)).toEqual([
      500, 500, 200,
    ]);
    expect(harness.telegram.sentMessages()).toHaveLength(1);
  });

  it('keeps a reply that failed past the retries, sends it later, and keeps answering', async () => {
    harness = await startTelegramHarness();
    harness.telegram.log.failNext('sendMessage', 5, { status: 500 });

    harness.telegram.pushUpdate(
      harness.telegram.textUpdate({ chatId, text: 'How long is the warranty?' }),
    );
    await harness.telegram.log.waitForSucceeded('sendMessage');
    harness.telegram.pushUpdate(
      harness.telegram.textUpdate({ chatId: 778, text: 'How long is the warranty?' }),
    );
    await harness.telegram.log.waitForSucceeded('sendMessage', 2);

    expect(harness.telegram.sentMessages().map((message) => message.chat.id)).toEqual([
      chatId,
      778,
    ]);
    expect(
      harness.telegram.log.attempts('sendMessage').filter((call) => call.status === 500),
    ).toHaveLength(5);
    expect(
      harness.core.logger.lines.some((line) => line.message === 'reply not delivered; will retry'),
    ).toBe(true);
  });

  it('splits a 5,000-character answer into messages under 4096 characters on paragraph boundaries', async () => {
    harness = await startTelegramHarness();
    // "Did you mean: the care guide?" answered with a press: the core's answer is over 5,000 characters.
    const choice = { id: 'faq:care-guide', label: 'Give me the complete care guide' };
    const expected = await harness.core.expectedReplies({
      text: choice.label,
      choiceId: choice.id,
      localeHint: 'en',
    });
    expect(expected.map((reply) => reply.text).join('\n\n').length).toBeGreaterThanOrEqual(5_000);

    const offer = harness.telegram.earlierKeyboard(chatId, 'Did you mean one of these?', [
      { text: choice.label, callback_data: choice.id },
    ]);
    harness.telegram.pushUpdate(harness.telegram.pressUpdate(offer, choice.label));
    await harness.telegram.log.waitForSucceeded('sendMessage', visibleTexts(expected).length);

    const texts = harness.telegram.sentMessages().map((message) => message.text);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    expect(texts).toEqual(visibleTexts(expected));
    const paragraphs = visibleTexts(expected).join('\n\n').split('\n\n');
    // Every message is made of whole paragraphs.
    for (const text of texts)
      for (const paragraph of text.split('\n\n')) expect(paragraphs).toContain(paragraph);
  });

  it('delivers proactively and rejects when Telegram keeps failing', async () => {
    harness = await startTelegramHarness();
    const reply = {
      kind: 'answer' as const,
      text: 'A colleague wrote: **ready** for pickup',
      locale: 'en',
      choices: [],
      intent: null,
      faq: null,
      confidence: 1,
    };

    await harness.adapter.deliver(String(chatId), [reply]);
    expect(harness.telegram.sentMessages().map((message) => message.text)).toEqual([
      'A colleague wrote: ready for pickup',
    ]);

    harness.telegram.log.failNext('sendMessage', 3, { status: 502 });
    await expect(harness.adapter.deliver(String(chatId), [reply])).rejects.toThrow(
      /502|Internal Server Error/,
    );
    expect(harness.telegram.sentMessages()).toHaveLength(1);
  });
});
