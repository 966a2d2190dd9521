/** Slack events, button presses and slash commands → the core's IncomingMessage. Pure. */
import type { IncomingMessage } from '../../src/core/message';
import { isDirectChannel, toConversationId, type SlackPlace } from './conversation-id';
import type { BlockAction, EventEnvelope, SlashCommand } from './payload-schemas';
import { CHOICE_ACTION_PREFIX } from './to-platform-reply';

export const SLACK_CHANNEL = 'slack';

export interface SlackInbound {
  readonly message: IncomingMessage;
  /** Where the answer goes. */
  readonly place: SlackPlace;
}

export interface EventContext {
  readonly botUserId: string;
  readonly receivedAt: Date;
  /** Whether the bot started this thread itself (a ticket it posted): replies in it are for the bot. */
  readonly isBotThread: (conversationId: string) => boolean;
}

/**
 * Slack's markup in a user's text → plain text: `<@U1>` → `@U1`, `<url|label>` → `label`,
 * `<#C1|general>` → `#general`, entities decoded. Mentions of the bot itself are dropped.
 */
export function plainSlackText(text: string, botUserId: string): string {
  return text
    .replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ')
    .replace(
      /<([@#!])([^>|]+)\|([^>]+)>/g,
      (_match, sigil: string, _id: string, label: string) =>
        `${sigil === '!' ? '@' : sigil}${label}`,
    )
    .replace(/<([@#])([^>|]+)>/g, '$1$2')
    .replace(/<!([^>|]+)>/g, '@$1')
    .replace(/<([^>|]+)\|([^>]+)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Why an event is not for the core, or null when it is. */
export function skipReason(envelope: EventEnvelope, context: EventContext): string | null {
  const event = envelope.event;
  if (event.bot_id !== undefined || event.subtype === 'bot_message') return 'from a bot';
  if (
    event.subtype !== undefined &&
    event.subtype !== 'file_share' &&
    event.subtype !== 'thread_broadcast'
  )
    return `subtype ${event.subtype}`;
  if (event.user === undefined || event.user === context.botUserId) return 'not from a person';
  if ((event.text ?? '').trim() === '') return 'no text (a file alone)';
  if (event.type === 'app_mention') return null;
  if (event.channel_type === 'im' || isDirectChannel(event.channel)) return null;
  // A channel message: only replies in a thread the bot started; a mention arrives as app_mention.
  if ((event.text ?? '').includes(`<@${context.botUserId}`))
    return 'a mention (handled as app_mention)';
  if (event.thread_ts === undefined) return 'channel chatter';
  return context.isBotThread(
    toConversationId({ channel: event.channel, threadTs: event.thread_ts }),
  )
    ? null
    : 'a thread the bot is not part of';
}

export function eventToMessage(
  envelope: EventEnvelope,
  context: EventContext,
): SlackInbound | null {
  if (skipReason(envelope, context) !== null) return null;
  const event = envelope.event;
  const direct = event.channel_type === 'im' || isDirectChannel(event.channel);
  // In a channel every conversation is a thread: a top-level mention starts one.
  const threadTs = event.thread_ts ?? (direct ? undefined : event.ts);
  const place: SlackPlace =
    threadTs === undefined ? { channel: event.channel } : { channel: event.channel, threadTs };
  return {
    place,
    message: {
      channel: SLACK_CHANNEL,
      conversationId: toConversationId(place),
      userId: event.user ?? '',
      messageId: envelope.event_id,
      text: plainSlackText(event.text ?? '', context.botUserId),
      receivedAt: context.receivedAt,
    },
  };
}

export function actionToMessage(body: BlockAction, receivedAt: Date): SlackInbound | null {
  const action = body.actions.find((candidate) =>
    candidate.action_id.startsWith(CHOICE_ACTION_PREFIX),
  );
  const channel = body.channel?.id;
  if (action?.value === undefined || channel === undefined) return null;
  // A private (ephemeral) message has no `message` in its actions: the press is in the channel.
  const threadTs =
    body.message === undefined
      ? undefined
      : (body.message.thread_ts ?? (isDirectChannel(channel) ? undefined : body.message.ts));
  const place: SlackPlace = threadTs === undefined ? { channel } : { channel, threadTs };
  return {
    place,
    message: {
      channel: SLACK_CHANNEL,
      conversationId: toConversationId(place),
      userId: body.user.id,
      messageId: `trigger:${body.trigger_id}`,
      text: action.text?.text ?? '',
      choiceId: action.value,
      receivedAt,
    },
  };
}

/** `/warranty SERIAL` → the serial as staff typed it (spaces and dashes are the core's business). */
export function commandSerial(command: SlashCommand): string {
  return command.text.trim();
}

/** A slash command put to the core as a message, when no staff formatter is wired in. */
export function commandToMessage(
  command: SlashCommand,
  text: string,
  receivedAt: Date,
): IncomingMessage {
  return {
    channel: SLACK_CHANNEL,
    conversationId: `command:${command.user_id}`,
    userId: command.user_id,
    messageId: `trigger:${command.trigger_id}`,
    text,
    receivedAt,
  };
}
