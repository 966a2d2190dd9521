/** The pure Slack mapping on payloads in the shapes Slack documents. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromConversationId, toConversationId } from '../../../adapters/slack/conversation-id';
import {
  blockActionSchema,
  eventEnvelopeSchema,
  slashCommandSchema,
} from '../../../adapters/slack/payload-schemas';
import {
  actionToMessage,
  commandSerial,
  eventToMessage,
  plainSlackText,
  skipReason,
} from '../../../adapters/slack/to-message';
import { toPlatformReply } from '../../../adapters/slack/to-platform-reply';
import type { Reply } from '../../../src/core/message';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'slack', `${name}.json`), 'utf8'));
const at = new Date('2026-11-24T06:00:00Z');
const botThreads = new Set(['C0STAFF01/1732430000.000100']);
const context = {
  botUserId: 'U0AFTERBOT',
  receivedAt: at,
  isBotThread: (id: string) => botThreads.has(id),
};
const envelope = (name: string) => eventEnvelopeSchema.parse(fixture(name));
const reply = (text: string, choices: Reply['choices'] = []): Reply => ({
  kind: 'answer',
  text,
  locale: 'en',
  choices,
  intent: null,
  faq: null,
  confidence: 1,
});

describe('Slack payload → IncomingMessage', () => {
  it('maps an @mention to the thread it starts, without the mention and with Slack markup made plain', () => {
    expect(eventToMessage(envelope('app-mention'), context)).toEqual({
      place: { channel: 'C0SUPPORT1', threadTs: '1732430012.000200' },
      message: {
        channel: 'slack',
        conversationId: 'C0SUPPORT1/1732430012.000200',
        userId: 'U0STAFF01',
        messageId: 'Ev08MFMKH6',
        text: 'what is the number of the #branches Tabriz branch? see the list & tell @U0OTHER',
        receivedAt: at,
      },
    });
  });

  it('maps a direct message to the DM itself, with the event id as message id', () => {
    expect(eventToMessage(envelope('direct-message'), context)).toMatchObject({
      place: { channel: 'D0STAFF01' },
      message: {
        conversationId: 'D0STAFF01',
        messageId: 'Ev08MFMKJ1',
        text: 'How long is the warranty on a Nova 12?',
      },
    });
  });

  it('passes a reply in a thread the bot started, and nothing else from channels', () => {
    expect(eventToMessage(envelope('thread-reply'), context)?.message.conversationId).toBe(
      'C0STAFF01/1732430000.000100',
    );
    expect(skipReason(envelope('thread-reply'), { ...context, isBotThread: () => false })).toBe(
      'a thread the bot is not part of',
    );
  });

  it.each([
    ['message-changed', 'subtype message_changed'],
    ['bot-message', 'from a bot'],
  ])('skips %s', (name, why) => {
    expect(eventToMessage(envelope(name), context)).toBeNull();
    expect(skipReason(envelope(name), context)).toBe(why);
  });

  it('maps a pressed button to its choice, in the thread of the message it was on', () => {
    expect(actionToMessage(blockActionSchema.parse(fixture('block-actions')), at)).toEqual({
      place: { channel: 'C0SUPPORT1', threadTs: '1732430012.000200' },
      message: {
        channel: 'slack',
        conversationId: 'C0SUPPORT1/1732430012.000200',
        userId: 'U0STAFF01',
        messageId: 'trigger:8072304721.4242.5b1f7a',
        text: 'How long is the warranty?',
        choiceId: 'faq:warranty-period',
        receivedAt: at,
      },
    });
  });

  it('reads the serial of a slash command', () => {
    expect(commandSerial(slashCommandSchema.parse(fixture('slash-command')))).toBe(
      'NV12 2501 0001',
    );
  });

  it('decodes what Slack escapes', () => {
    expect(plainSlackText('a &lt;b&gt; &amp;amp; <!here> <mailto:x@y.z|x@y.z>', 'U0AFTERBOT')).toBe(
      'a <b> &amp; @here x@y.z',
    );
  });

  it('round-trips conversation ids and refuses anything else', () => {
    expect(fromConversationId(toConversationId({ channel: 'C1', threadTs: '1.2' }))).toEqual({
      channel: 'C1',
      threadTs: '1.2',
    });
    expect(fromConversationId('D0STAFF01')).toEqual({ channel: 'D0STAFF01' });
    expect(() => fromConversationId('command:U1')).toThrow(/not a Slack conversation id/);
  });
});

describe('Reply → Slack payloads', () => {
  it('sends text-only replies as mrkdwn', () => {
    expect(
      toPlatformReply(
        reply(
          '**Branch** <Tabriz>: [call](tel:+984133333333) & see [map](https://maps.example.com/?q=a|b)',
        ),
      ),
    ).toEqual([
      {
        text: '*Branch* &lt;Tabriz&gt;: <tel:+984133333333|call> &amp; see <https://maps.example.com/?q=a%7Cb|map>',
      },
    ]);
  });

  it('puts choices on Block Kit buttons with the choice id as value', () => {
    const [payload] = toPlatformReply(
      reply('Did you mean one of these?', [
        { id: 'faq:warranty-period', label: 'How long is the warranty?' },
        { id: 'human', label: 'x'.repeat(90) },
      ]),
    );
    expect(payload?.text).toBe('Did you mean one of these?');
    expect(payload?.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Did you mean one of these?' } },
      {
        type: 'actions',
        block_id: 'aftercare_choices_0',
        elements: [
          {
            type: 'button',
            action_id: 'aftercare_choice_0',
            value: 'faq:warranty-period',
            text: { type: 'plain_text', text: 'How long is the warranty?', emoji: true },
          },
          {
            type: 'button',
            action_id: 'aftercare_choice_1',
            value: 'human',
            text: { type: 'plain_text', text: `${'x'.repeat(74)}…`, emoji: true },
          },
        ],
      },
    ]);
  });

  it('splits a long text over sections of at most 3000 characters when there are buttons', () => {
    const paragraph = 'y'.repeat(1_800);
    const [payload] = toPlatformReply(
      reply([paragraph, paragraph, paragraph].join('\n\n'), [
        { id: 'human', label: 'Talk to a person' },
      ]),
    );
    const sections = payload?.blocks?.filter((block) => block.type === 'section') ?? [];
    expect(sections).toHaveLength(3);
    for (const section of sections)
      expect(section.type === 'section' && section.text.text.length <= 3000).toBe(true);
  });
});
