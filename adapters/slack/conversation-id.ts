/**
 * Slack conversation ids as the core sees them: a DM is its channel id (`D0123`); a thread is
 * `<channel>/<thread ts>` (`C0123/1732430000.000100`), so a reply, a follow-up or a staff relay
 * lands in the same thread.
 */

export interface SlackPlace {
  readonly channel: string;
  readonly threadTs?: string;
}

export function toConversationId(place: SlackPlace): string {
  return place.threadTs === undefined ? place.channel : `${place.channel}/${place.threadTs}`;
}

export function fromConversationId(conversationId: string): SlackPlace {
  const match = /^([A-Z0-9]+)(?:\/(\d+\.\d+))?$/.exec(conversationId);
  if (match === null) {
    throw new Error(
      `"${conversationId}" is not a Slack conversation id; expected a channel id (D0123, C0123) or <channel>/<thread ts>`,
    );
  }
  const [, channel, threadTs] = match as unknown as [string, string, string | undefined];
  return threadTs === undefined ? { channel } : { channel, threadTs };
}

/** Direct-message channel ids start with D; everything else is a channel or a group. */
export const isDirectChannel = (channel: string): boolean => channel.startsWith('D');
