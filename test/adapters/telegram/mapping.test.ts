/** The pure Telegram mapping on update payloads in the Bot API's documented shape. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseUpdate, toMessage } from '../../../adapters/telegram/to-message';
import { toPlatformReply } from '../../../adapters/telegram/to-platform-reply';
import type { Reply } from '../../../src/core/message';
import { parseTelegramHtml } from '../../stand-ins/telegram-bot-api';

const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(path.join(__dirname, '..', 'fixtures', 'telegram', `${name}.json`), 'utf8'),
  );
const at = new Date('2026-11-24T06:00:00Z');
const map = (name: string) => {
  const update = parseUpdate(fixture(name));
  if (update === null) throw new Error(`${name} did not parse`);
  return toMessage(update, at);
};
const reply = (text: string, choices: Reply['choices'] = []): Reply => ({
  kind: 'answer',
  text,
  locale: 'en',
  choices,
  intent: null,
  faq: null,
  confidence: 1,
});

describe('Telegram update → IncomingMessage', () => {
  it('maps a private text message with the update id as message id and language_code as hint', () => {
    expect(map('text-message')).toEqual({
      chatId: 88110022,
      message: {
        channel: 'telegram',
        conversationId: '88110022',
        userId: '88110022',
        messageId: 'update:731500001',
        text: 'گارانتی محصول چقدر است؟',
        localeHint: 'fa',
        receivedAt: at,
      },
    });
  });

  it('passes a command through without the bot name a group chat adds', () => {
    expect(map('group-command')?.message).toMatchObject({
      conversationId: '-1001234567890',
      text: '/help',
      localeHint: 'vi',
    });
  });

  it('maps a pressed button to the choice id with the button label as text', () => {
    expect(map('callback-query')).toEqual({
      chatId: 88110022,
      callback: { queryId: '4382211234567890123', messageId: 43 },
      message: {
        channel: 'telegram',
        conversationId: '88110022',
        userId: '88110022',
        messageId: 'update:731500003',
        text: 'Talk to a person',
        choiceId: 'human',
        localeHint: 'en',
        receivedAt: at,
      },
    });
  });

  it('reads a photo caption as the text', () => {
    expect(map('photo-with-caption')?.message.text).toBe('the screen is cracked');
  });

  it.each(['sticker', 'edited-message'])('ignores %s', (name) => {
    expect(map(name)).toBeNull();
  });

  it('refuses something that is not an update', () => {
    expect(parseUpdate({ update_id: 'x' })).toBeNull();
    expect(parseUpdate('hello')).toBeNull();
  });
});

describe('Reply → Telegram sendMessage payloads', () => {
  it('renders the Markdown subset as Telegram HTML with everything else escaped', () => {
    const [payload] = toPlatformReply(
      reply(
        'Keep **the invoice & <serial>** safe.\n\n- one\n- [terms](https://example.com/?a=1&b="2")\n\n1. first\n2. second',
      ),
    );
    expect(payload).toEqual({
      parse_mode: 'HTML',
      text: 'Keep <b>the invoice &amp; &lt;serial&gt;</b> safe.\n\n• one\n• <a href="https://example.com/?a=1&amp;b=&quot;2&quot;">terms</a>\n\n1. first\n2. second',
    });
    expect(parseTelegramHtml(payload?.text ?? '')).toEqual({
      text: 'Keep the invoice & <serial> safe.\n\n• one\n• terms\n\n1. first\n2. second',
    });
  });

  it('shows a link with an unsafe scheme as text instead of a link', () => {
    expect(toPlatformReply(reply('[click](javascript:alert(1))'))[0]?.text).toBe(
      'click (javascript:alert(1))',
    );
    expect(toPlatformReply(reply('[call](tel:+982166097851)'))[0]?.text).toBe(
      'call (tel:+982166097851)',
    );
  });

  it('puts choices on an inline keyboard, one per row, with the choice id as callback_data', () => {
    const payloads = toPlatformReply(
      reply('Did you mean?', [
        { id: 'faq:warranty-period', label: 'How long is the warranty?' },
        { id: 'human', label: 'Talk to a person' },
      ]),
    );
    expect(payloads).toEqual([
      {
        text: 'Did you mean?',
        parse_mode: 'HTML',
        reply_markup: {
          inline_keyboard: [
            [{ text: 'How long is the warranty?', callback_data: 'faq:warranty-period' }],
            [{ text: 'Talk to a person', callback_data: 'human' }],
          ],
        },
      },
    ]);
  });

  it('refuses a choice id that would not fit in callback_data', () => {
    expect(() => toPlatformReply(reply('?', [{ id: 'x'.repeat(64), label: 'too long' }]))).toThrow(
      /callback_data/,
    );
    expect(
      toPlatformReply(reply('?', [{ id: 'é'.repeat(31), label: 'fits: 62 bytes' }])),
    ).toHaveLength(1);
  });

  it('splits on paragraph boundaries and keeps the keyboard on the last message', () => {
    const paragraph = 'x'.repeat(30);
    const payloads = toPlatformReply(
      reply([paragraph, paragraph, paragraph].join('\n\n'), [
        { id: 'human', label: 'Talk to a person' },
      ]),
      64,
    );
    expect(payloads.map((payload) => payload.text)).toEqual([
      `${paragraph}\n\n${paragraph}`,
      paragraph,
    ]);
    expect(payloads.map((payload) => payload.reply_markup !== undefined)).toEqual([false, true]);
  });
});
