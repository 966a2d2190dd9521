/** Teams activity → the core's IncomingMessage. Pure; recorded activities in, messages out. */
import type { IncomingMessage } from '../../src/core/message';
import { choiceValueSchema, teamsActivitySchema, type TeamsActivity } from './activity-schema';

export const TEAMS_CHANNEL = 'teams';

export function parseActivity(raw: unknown): TeamsActivity | null {
  const parsed = teamsActivitySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The text without the @mention of the bot (`<at>Aftercare</at> how long…` → `how long…`). */
export function withoutBotMention(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    if (
      entity.type === 'mention' &&
      entity.mentioned?.id === activity.recipient.id &&
      entity.text
    ) {
      text = text.split(entity.text).join(' ');
    }
  }
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function toMessage(activity: TeamsActivity, receivedAt: Date): IncomingMessage | null {
  if (activity.type !== 'message' || activity.id === undefined || activity.from.role === 'bot')
    return null;
  const choice = choiceValueSchema.safeParse(activity.value);
  const text = choice.success
    ? (choice.data.aftercareLabel ?? withoutBotMention(activity))
    : withoutBotMention(activity);
  if (!choice.success && text === '') return null;
  return {
    channel: TEAMS_CHANNEL,
    conversationId: activity.conversation.id,
    userId: activity.from.aadObjectId ?? activity.from.id,
    messageId: activity.id,
    text,
    ...(choice.success ? { choiceId: choice.data.aftercareChoice } : {}),
    ...(activity.locale ? { localeHint: activity.locale } : {}),
    receivedAt,
  };
}
