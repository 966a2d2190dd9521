/**
 * The Teams channel on the Bot Framework SDK: a CloudAdapter behind POST /api/messages on the
 * bot's own server. Credentials come from the standard MicrosoftApp* variables; without an app
 * id every request is accepted unauthenticated, which is what the Bot Framework Emulator expects
 * for local development. Every incoming activity's conversation reference is stored: a turn's
 * replies are committed with it as outbox jobs and sent after the commit through
 * continueConversationAsync, like proactive messages (staff replies, follow-ups).
 *
 * All Bot Framework code stays in this folder, so that a move to the Microsoft 365 Agents SDK
 * touches nothing else.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import type {
  AdapterContext,
  ChannelAdapter,
  ConversationReference as StoredReference,
} from '../../src/core/channel';
import type { Reply } from '../../src/core/message';
import { systemClock, type Clock } from '../../src/core/ports';
import { errorMessage } from '../../src/core/error-message';
import { createOutbox } from '../shared/outbox';
import { isTemporaryStatus } from '../shared/retry';
import { createActivityEndpoint, MountedCloudAdapter, statusOf } from './cloud-adapter';
import {
  channelReference,
  createProactiveSender,
  createProactiveUpdater,
  THREAD_SUFFIX,
} from './proactive';
import { parseActivity, TEAMS_CHANNEL, toMessage } from './to-message';
import { toPlatformReply, type TeamsMessageActivity } from './to-platform-reply';

export interface TeamsAdapterOptions {
  /** The Azure Bot's Microsoft App ID; unset for local development with the Emulator. */
  readonly appId?: string;
  readonly appPassword?: string;
  /** MultiTenant, SingleTenant or UserAssignedMSI. */
  readonly appType?: string;
  /** Required for SingleTenant. */
  readonly tenantId?: string;
  readonly path?: string;
  readonly laterDelaysMs?: readonly number[];
  /** Message times and the outbox's due times; it must move with real time (the outbox's timers are real). */
  readonly clock?: Clock;
}

/** Where a delivered message landed. A new post in a channel starts a thread with its own id. */
export interface TeamsDelivery {
  readonly conversationId: string;
  readonly activityId: string;
}

export interface TeamsAdapter extends ChannelAdapter {
  /**
   * `deliver`, also saying where each message landed. Delivered to a channel itself (its id
   * without `;messageid=`), a message is a new post: its thread's conversation id is returned, and
   * replies in that thread that mention the bot come back to the core with it.
   */
  deliverTracked(conversationId: string, replies: readonly Reply[]): Promise<TeamsDelivery[]>;
  /**
   * Re-renders the first post of a channel thread that `deliverTracked` made (a ticket, a service
   * case) in place: its text, and its buttons (none clears them).
   */
  updatePost(threadId: string, reply: Reply): Promise<void>;
}

/** Plain JSON: the outbox store keeps it from the turn's commit until the connector accepts it. */
interface SendJob {
  readonly reference: Partial<ConversationReference>;
  readonly activity: TeamsMessageActivity;
}

/** The connector answered "try later" (429, 5xx) or could not be reached. */
function isTemporaryConnectorError(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || isTemporaryStatus(status);
}

export function createTeamsAdapter(
  options: TeamsAdapterOptions,
  context: AdapterContext,
): TeamsAdapter {
  const logger = context.logger.child({ channel: TEAMS_CHANNEL });
  const clock = options.clock ?? systemClock;
  const appId = options.appId ?? '';
  const path = options.path ?? '/api/messages';
  const adapter = new MountedCloudAdapter({ ...options, appId });
  adapter.onTurnError = async (_turn, error) => {
    logger.error({ error: errorMessage(error) }, 'teams turn failed');
  };
  const proactive = createProactiveSender(adapter, appId);
  const updateActivity = createProactiveUpdater(adapter, appId);
  const saveReference = (
    conversationId: string,
    reference: Partial<ConversationReference>,
  ): Promise<void> =>
    context.references.saveReference(TEAMS_CHANNEL, conversationId, reference as StoredReference);
  const outbox = createOutbox<SendJob>({
    queue: TEAMS_CHANNEL,
    now: () => clock.now(),
    store: context.outbox,
    // Through continueConversationAsync: the turn is answered before its replies are sent.
    send: async (job) => {
      await proactive(job.reference, job.activity);
    },
    isTemporary: isTemporaryConnectorError,
    laterDelaysMs: options.laterDelaysMs,
    logger,
  });

  const onTurn = async (turnContext: TurnContext): Promise<void> => {
    const activity = parseActivity(turnContext.activity);
    if (activity === null) return;
    const reference = TurnContext.getConversationReference(turnContext.activity);
    await saveReference(activity.conversation.id, reference);
    if (activity.conversation.conversationType === 'channel') {
      // The channel itself, for new posts there (tickets): no thread, no activity to reply to.
      const channelId = activity.conversation.id.replace(THREAD_SUFFIX, '');
      await saveReference(channelId, channelReference(reference, channelId));
    }
    const message = toMessage(activity, clock.now());
    if (message === null) return;
    const jobs = (replies: readonly Reply[]): SendJob[] =>
      replies
        .flatMap((reply) => toPlatformReply(reply))
        .map((rendered): SendJob => ({ reference, activity: rendered }));
    // The replies' jobs commit with the turn. The turn is answered 200 as soon as it is
    // committed and the jobs go out from the outbox, through the connector (a proactive send:
    // nothing needs the open request), so neither a slow connector nor a kill can lose them
    // (docs/channels.md, "Exactly once"). A redelivered activity commits nothing new; the flush
    // still sends what it left pending. Replies given outside a turn (a staff action refused)
    // were not committed: sent as before.
    let committed = false;
    const replies = await context.handle(message, {
      commit: async (turnReplies) => {
        committed = true;
        await outbox.commit(message.conversationId, jobs(turnReplies));
      },
    });
    if (!committed && replies.length > 0) void outbox.send(message.conversationId, jobs(replies));
    void outbox.flush();
  };

  context.routes.add(
    'POST',
    path,
    createActivityEndpoint(adapter, onTurn, logger, context.maxBodyBytes, appId !== ''),
  );

  return {
    channel: TEAMS_CHANNEL,
    async start() {
      if (appId === '')
        logger.warn(
          { path },
          'teams started without MicrosoftAppId: accepting unauthenticated requests (Bot Framework Emulator, local development only)',
        );
      else logger.info({ path, appType: options.appType ?? 'MultiTenant' }, 'teams started');
      await outbox.resume();
    },
    stop: () => outbox.close(),
    flush: () => outbox.flush(),
    async deliver(conversationId, replies) {
      await deliverTracked(conversationId, replies);
    },
    deliverTracked,
    updatePost,
  };

  async function updatePost(threadId: string, reply: Reply): Promise<void> {
    const reference = (await context.references.loadReference(
      TEAMS_CHANNEL,
      threadId,
    )) as Partial<ConversationReference> | null;
    // The thread's id names its first post; the stored reference's activityId is whatever was
    // said in the thread last.
    const activityId = /;messageid=([^;]+)$/.exec(threadId)?.[1];
    if (reference === null || activityId === undefined)
      throw new Error(`no Teams post "${threadId}" to update: it was not posted by this bot`);
    const rendered = toPlatformReply(reply);
    const first = rendered[0];
    if (first === undefined) return;
    // One post holds it all: the first part's text, the buttons of the last; no buttons (a
    // resolved ticket, a closed case) must clear the old card, hence `[]`.
    const buttons = rendered.at(-1)?.attachments ?? [];
    await updateActivity(reference, activityId, { ...first, attachments: buttons });
  }

  async function deliverTracked(
    conversationId: string,
    replies: readonly Reply[],
  ): Promise<TeamsDelivery[]> {
    const reference = (await context.references.loadReference(
      TEAMS_CHANNEL,
      conversationId,
    )) as Partial<ConversationReference> | null;
    if (reference === null) {
      throw new Error(
        `no Teams conversation reference for "${conversationId}": the bot can only write to a conversation it has received an activity from (install the app in that chat or team first)`,
      );
    }
    const newPost =
      reference.conversation?.conversationType === 'channel' && !THREAD_SUFFIX.test(conversationId);
    const delivered: TeamsDelivery[] = [];
    for (const activity of replies.flatMap((reply) => toPlatformReply(reply))) {
      const activityId = await proactive(reference, activity);
      if (!newPost) {
        delivered.push({ conversationId, activityId });
        continue;
      }
      const threadId = `${conversationId};messageid=${activityId}`;
      await saveReference(threadId, {
        ...reference,
        conversation: {
          ...reference.conversation,
          id: threadId,
        } as ConversationReference['conversation'],
        activityId,
      });
      delivered.push({ conversationId: threadId, activityId });
    }
    return delivered;
  }
}
