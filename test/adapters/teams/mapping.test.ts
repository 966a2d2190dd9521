/** The pure Teams mapping on activities in the shape Teams sends them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseActivity, toMessage } from '../../../adapters/teams/to-message';
import { toPlatformReply } from '../../../adapters/teams/to-platform-reply';
import type { Reply } from '../../../src/core/message';

const fixture = (name: string) => {
  const activity = parseActivity(
    JSON.parse(
      readFileSync(path.join(__dirname, '..', 'fixtures', 'teams', `${name}.json`), 'utf8'),
    ),
  );
  if (activity === null) throw new Error(`${name} is not an activity`);
  return activity;
};
const at = new Date('2026-11-24T06:00:00Z');
const reply = (text: string, choices: Reply['choices'] = []): Reply => ({
  kind: 'answer',
  text,
  locale: 'fa',
  choices,
  intent: null,
  faq: null,
  confidence: 1,
});

describe('Teams activity → IncomingMessage', () => {
  it('maps a personal chat message with the activity id, the AAD user and the locale hint', () => {
    expect(toMessage(fixture('personal-message'), at)).toEqual({
      channel: 'teams',
      conversationId: 'a:1vU0k2d3oFbY3CqT0aUq0Yx0cJ8e5mZ8dQpVh7w',
      userId: 'c9f1a2b3-0000-4000-8000-5a2a6f0e1d11',
      messageId: '1732428600123',
      text: 'How long is the warranty?',
      localeHint: 'fa-IR',
      receivedAt: at,
    });
  });

  it('takes the bot mention out of a channel message and keeps the thread as conversation', () => {
    expect(toMessage(fixture('channel-mention'), at)).toMatchObject({
      conversationId: '19:4dc1c0d1b2f1468fa0d1@thread.tacv2;messageid=1732428720000',
      text: 'what is the number of the Tabriz branch?',
    });
  });

  it('maps a card button press to its choice', () => {
    expect(toMessage(fixture('card-submit'), at)).toMatchObject({
      choiceId: 'human',
      text: 'Talk to a person',
      messageId: '1732428780000',
    });
  });

  it('ignores activities that are not messages', () => {
    expect(toMessage(fixture('conversation-update'), at)).toBeNull();
  });
});

describe('Reply → Teams activities', () => {
  it('writes Markdown with the reply locale, and choices on an Adaptive Card', () => {
    const [activity] = toPlatformReply(
      reply('**گارانتی** ۲۴ ماه_است', [{ id: 'human', label: 'با یک همکار صحبت کنم' }]),
    );
    expect(activity).toMatchObject({
      type: 'message',
      textFormat: 'markdown',
      locale: 'fa',
      text: '**گارانتی** ۲۴ ماه\\_است',
    });
    expect(activity?.attachments?.[0]).toEqual({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.4',
        body: [],
        actions: [
          {
            type: 'Action.Submit',
            title: 'با یک همکار صحبت کنم',
            data: {
              aftercareChoice: 'human',
              aftercareLabel: 'با یک همکار صحبت کنم',
              msteams: {
                type: 'messageBack',
                displayText: 'با یک همکار صحبت کنم',
                text: 'با یک همکار صحبت کنم',
              },
            },
          },
        ],
      },
    });
  });
});
