/**
 * Sending outside a turn with a stored conversation reference (continueConversationAsync): the
 * outbox's later attempts, staff replies, follow-ups, and new posts in a channel.
 */
import {
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import type { TeamsMessageActivity } from './to-platform-reply';

/** The part of botframework-connector's ConnectorClient used to send. */
interface ConnectorClientLike {
  readonly conversations: {
    sendToConversation(
      conversationId: string,
      activity: Partial<Activity>,
    ): Promise<{ id?: string }>;
    replyToActivity(
      conversationId: string,
      activityId: string,
      activity: Partial<Activity>,
    ): Promise<{ id?: string }>;
  };
}

/** A channel thread's id is the channel's id plus `;messageid=` and the id of its first post. */
export const THREAD_SUFFIX = /;messageid=[^;]*$/;

export const asActivity = ({ attachments, ...rest }: TeamsMessageActivity): Partial<Activity> => ({
  ...rest,
  ...(attachments ? { attachments: attachments.map((attachment) => ({ ...attachment })) } : {}),
});

/** The reference of the channel a channel activity came from: no thread, nothing to reply to. */
export function channelReference(
  reference: Partial<ConversationReference>,
  channelId: string,
): Partial<ConversationReference> {
  const { activityId: _replyTo, ...rest } = reference;
  return {
    ...rest,
    conversation: {
      ...reference.conversation,
      id: channelId,
    } as ConversationReference['conversation'],
  };
}

/** Sends one activity to the referenced conversation; resolves with the new activity's id. */
export function createProactiveSender(adapter: CloudAdapter, appId: string) {
  return async (
    reference: Partial<ConversationReference>,
    activity: TeamsMessageActivity,
  ): Promise<string> => {
    let id = '';
    await adapter.continueConversationAsync(appId, reference, async (turn) => {
      // Through the connector itself: the turn's sendActivity would reply to the id
      // continueConversation makes up for its own event, not to the customer's message.
      const outgoing = TurnContext.applyConversationReference(asActivity(activity), reference);
      const connector = turn.turnState.get<ConnectorClientLike>(turn.adapter.ConnectorClientKey);
      const conversationId = reference.conversation?.id ?? '';
      const sent =
        reference.activityId === undefined
          ? // Nothing to reply to (a channel itself): a plain send, which makes a new post.
            await connector.conversations.sendToConversation(conversationId, outgoing)
          : await connector.conversations.replyToActivity(
              conversationId,
              reference.activityId,
              outgoing,
            );
      id = sent.id ?? '';
    });
    return id;
  };
}

/**
 * Replaces an activity the bot sent (the first post of a channel thread: a ticket, a service case)
 * with a new rendering; the reference is the thread's, so the update goes to
 * PUT /v3/conversations/{thread}/activities/{activityId}.
 */
export function createProactiveUpdater(adapter: CloudAdapter, appId: string) {
  return async (
    reference: Partial<ConversationReference>,
    activityId: string,
    activity: TeamsMessageActivity,
  ): Promise<void> => {
    await adapter.continueConversationAsync(appId, reference, async (turn) => {
      await turn.updateActivity({ ...asActivity(activity), id: activityId });
    });
  };
}
