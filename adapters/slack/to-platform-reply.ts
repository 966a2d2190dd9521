/** The core's Reply → chat.postMessage payloads: mrkdwn text, Block Kit buttons for choices. */
import type { Reply } from '../../src/core/message';
import { parseMarkdown, plainText } from '../shared/markdown';
import { slackMrkdwn } from '../shared/platform-renderers';
import { publicReadMore } from '../shared/read-more';
import { renderChunks } from '../shared/render';

/** Block Kit's limit for a section's text. */
export const SECTION_TEXT_LIMIT = 3000;
/** Slack truncates a message's text beyond this. */
export const MESSAGE_TEXT_LIMIT = 40_000;
const BUTTON_TEXT_LIMIT = 75;
const BUTTONS_PER_BLOCK = 25;

export const CHOICE_ACTION_PREFIX = 'aftercare_choice_';
/** The "Read more" link button: Slack opens its URL and still sends an action, to be acked. */
export const READ_MORE_ACTION = 'aftercare_read_more';

type SlackButton = {
  readonly type: 'button';
  readonly action_id: string;
  readonly text: { readonly type: 'plain_text'; readonly text: string; readonly emoji: true };
} & ({ readonly value: string } | { readonly url: string });

export type SlackBlock =
  | { readonly type: 'section'; readonly text: { readonly type: 'mrkdwn'; readonly text: string } }
  | {
      readonly type: 'actions';
      readonly block_id: string;
      readonly elements: readonly SlackButton[];
    }
  | {
      readonly type: 'context';
      readonly elements: readonly { readonly type: 'mrkdwn'; readonly text: string }[];
    };

/** chat.postMessage arguments without channel and thread_ts. */
export interface SlackMessagePayload {
  readonly text: string;
  readonly blocks?: readonly SlackBlock[];
}

const truncate = (text: string, limit: number): string =>
  text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;

export function toPlatformReply(reply: Reply): SlackMessagePayload[] {
  const readMore = publicReadMore(reply);
  if (reply.choices.length === 0 && !readMore) {
    return renderChunks(reply.text, slackMrkdwn, MESSAGE_TEXT_LIMIT).map((text) => ({ text }));
  }
  const sections: SlackBlock[] = renderChunks(reply.text, slackMrkdwn, SECTION_TEXT_LIMIT).map(
    (text) => ({ type: 'section', text: { type: 'mrkdwn', text } }),
  );
  const actions: SlackBlock[] = readMore
    ? [
        {
          type: 'actions',
          block_id: READ_MORE_ACTION,
          elements: [
            {
              type: 'button',
              action_id: READ_MORE_ACTION,
              url: readMore.url,
              text: {
                type: 'plain_text',
                text: truncate(readMore.label, BUTTON_TEXT_LIMIT),
                emoji: true,
              },
            },
          ],
        },
      ]
    : [];
  for (let start = 0; start < reply.choices.length; start += BUTTONS_PER_BLOCK) {
    actions.push({
      type: 'actions',
      block_id: `aftercare_choices_${start / BUTTONS_PER_BLOCK}`,
      elements: reply.choices.slice(start, start + BUTTONS_PER_BLOCK).map((choice, index) => ({
        type: 'button',
        action_id: `${CHOICE_ACTION_PREFIX}${start + index}`,
        value: choice.id,
        text: { type: 'plain_text', text: truncate(choice.label, BUTTON_TEXT_LIMIT), emoji: true },
      })),
    });
  }
  // `text` is what notifications and screen readers show when blocks are present.
  return [
    {
      text: truncate(
        plainText(parseMarkdown(reply.text)) ||
          reply.choices.map((choice) => choice.label).join(' / '),
        SECTION_TEXT_LIMIT,
      ),
      blocks: [...sections, ...actions],
    },
  ];
}

/** The message after a button was pressed: the question stays, the buttons give way to the answer picked. */
export function answeredBlocks(
  blocks: readonly Record<string, unknown>[],
  label: string,
): Record<string, unknown>[] {
  return [
    ...blocks.filter((block) => block.type !== 'actions' || block.block_id === READ_MORE_ACTION),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `→ ${slackMrkdwn.text(label)}` }] },
  ];
}
