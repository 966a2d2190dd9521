/** The core's Reply → Bot Framework message activities: Markdown text, an Adaptive Card for choices. */
import type { Reply } from '../../src/core/message';
import { teamsMarkdown } from '../shared/platform-renderers';
import { publicReadMore } from '../shared/read-more';
import { renderChunks } from '../shared/render';

/**
 * Teams refuses messages over about 28 KB; in the 3-byte scripts (Tamil, Persian…) this many
 * characters stays well below it.
 */
export const TEAMS_TEXT_LIMIT = 7000;

export interface AdaptiveCardAttachment {
  readonly contentType: 'application/vnd.microsoft.card.adaptive';
  readonly content: Record<string, unknown>;
}

/** The parts of an outgoing Activity Aftercare sets. */
export interface TeamsMessageActivity {
  readonly type: 'message';
  readonly text: string;
  readonly textFormat: 'markdown';
  readonly locale: string;
  readonly attachments?: readonly AdaptiveCardAttachment[];
}

/**
 * Buttons as an Adaptive Card: unlike suggested actions, cards work in channels and group chats
 * too. Each button posts back the choice id and label; `messageBack` makes Teams show the label
 * as what the user said.
 */
export function choiceCard(
  choices: Reply['choices'],
  readMore: { label: string; url: string } | null = null,
): AdaptiveCardAttachment {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.4',
      body: [],
      actions: [
        ...(readMore ? [{ type: 'Action.OpenUrl', title: readMore.label, url: readMore.url }] : []),
        ...choices.map((choice) => ({
          type: 'Action.Submit',
          title: choice.label,
          data: {
            aftercareChoice: choice.id,
            aftercareLabel: choice.label,
            msteams: { type: 'messageBack', displayText: choice.label, text: choice.label },
          },
        })),
      ],
    },
  };
}

export function toPlatformReply(reply: Reply): TeamsMessageActivity[] {
  const chunks = renderChunks(reply.text, teamsMarkdown, TEAMS_TEXT_LIMIT);
  if (chunks.length === 0) chunks.push('');
  const readMore = publicReadMore(reply);
  return chunks.map((text, index) => ({
    type: 'message',
    text,
    textFormat: 'markdown',
    locale: reply.locale,
    ...(index === chunks.length - 1 && (reply.choices.length > 0 || readMore)
      ? { attachments: [choiceCard(reply.choices, readMore)] }
      : {}),
  }));
}
