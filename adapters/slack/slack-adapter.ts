/**
 * The Slack channel on Bolt, for staff: DMs, @mentions, replies in threads the bot started (its
 * tickets), Block Kit buttons and the `/warranty SERIAL` command. HTTP mode mounts Bolt's
 * HTTPReceiver on the bot's own server; with an app token it connects by Socket Mode instead
 * (bolt-app.ts). Each event id reaches the core once, whatever Slack retries.
 */
import type { AdapterContext, ChannelAdapter } from '../../src/core/channel';
import type { StaffIdentity } from '../../src/core/handoff/staff-access';
import type { Reply } from '../../src/core/message';
import { systemClock, type Clock } from '../../src/core/ports';
import { createInFlight } from '../shared/in-flight';
import { errorMessage } from '../../src/core/error-message';
import { createOutbox } from '../shared/outbox';
import { defaultRetryPolicy, type RetryPolicy } from '../shared/retry';
import { guardSlackRequests } from './request-guard';
import { createBoltApp, isTemporarySlackError } from './bolt-app';
import {
  fromConversationId,
  isDirectChannel,
  toConversationId,
  type SlackPlace,
} from './conversation-id';
import { blockActionSchema, eventEnvelopeSchema } from './payload-schemas';
import {
  actionToMessage,
  eventToMessage,
  SLACK_CHANNEL,
  skipReason,
  type SlackInbound,
} from './to-message';
import {
  answeredBlocks,
  CHOICE_ACTION_PREFIX,
  READ_MORE_ACTION,
  toPlatformReply,
  type SlackMessagePayload,
} from './to-platform-reply';
import { registerWarrantyCommand } from './warranty-command';
import { registerCaseCommand, type StaffCase } from './case-command';

export interface SlackAdapterOptions {
  /** xoxb-… from the app's OAuth page. */
  readonly botToken: string;
  /** Checks that HTTP requests come from Slack. */
  readonly signingSecret: string;
  /** xapp-… with connections:write: Socket Mode instead of HTTP. */
  readonly appToken?: string;
  /** The Web API base URL; Slack's own when unset (tests point it at a stand-in). */
  readonly apiUrl?: string;
  /** Where Slack posts events, commands and interactions in HTTP mode. */
  readonly path?: string;
  /** The staff report for `/warranty SERIAL` (Markdown); without it the command asks the core. */
  readonly staffWarranty?: (serial: string, requester: StaffIdentity) => Promise<string>;
  readonly warrantyCommand?: string;
  /** A service case for `/case ID` (summary and next-status buttons); without it no /case. */
  readonly staffCase?: StaffCase;
  readonly caseCommand?: string;
  /** How long a slash command may take to answer inside Slack's 3-second acknowledgement. */
  readonly commandAckBudgetMs?: number;
  readonly retry?: RetryPolicy;
  readonly laterDelaysMs?: readonly number[];
  /** Message times and the outbox's due times; it must move with real time (the outbox's timers are real). */
  readonly clock?: Clock;
}

/** Where a delivered message landed: the conversation id to use for replies in its thread. */
export interface SlackDelivery {
  readonly conversationId: string;
  readonly ts: string;
}

export interface SlackAdapter extends ChannelAdapter {
  /**
   * `deliver`, also saying where each message landed. A top-level post in a channel (a ticket)
   * starts a thread: its conversation id is returned, and replies in it come back to the core.
   */
  deliverTracked(conversationId: string, replies: readonly Reply[]): Promise<SlackDelivery[]>;
  /** Resolves once the events received so far are handled (Slack's are acknowledged first). */
  settled(): Promise<void>;
  /** The user ids of a channel's members (conversations.members, every page): the staff rule. */
  channelMembers(channel: string): Promise<string[]>;
}

interface SendJob {
  readonly place: SlackPlace;
  readonly payload: SlackMessagePayload;
}

export function createSlackAdapter(
  options: SlackAdapterOptions,
  context: AdapterContext,
): SlackAdapter {
  const logger = context.logger.child({ channel: SLACK_CHANNEL });
  const clock = options.clock ?? systemClock;
  const path = options.path ?? '/slack/events';
  const { app, requestListener } = createBoltApp(
    {
      botToken: options.botToken,
      signingSecret: options.signingSecret,
      ...(options.appToken ? { appToken: options.appToken } : {}),
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
      path,
      retry: options.retry ?? defaultRetryPolicy,
    },
    logger,
  );
  let botUserId = '';
  const inFlight = createInFlight();
  // First in the chain, before any listener: every event's handling is tracked.
  app.use(({ next }) => inFlight.track(next()));

  const post = async (job: SendJob): Promise<string> => {
    const result = await app.client.chat.postMessage({
      channel: job.place.channel,
      ...(job.place.threadTs === undefined ? {} : { thread_ts: job.place.threadTs }),
      text: job.payload.text,
      ...(job.payload.blocks ? { blocks: job.payload.blocks as never } : {}),
    });
    return result.ts ?? '';
  };
  const outbox = createOutbox<SendJob>({
    queue: SLACK_CHANNEL,
    now: () => clock.now(),
    store: context.outbox,
    send: async (job) => {
      await post(job);
    },
    isTemporary: isTemporarySlackError,
    laterDelaysMs: options.laterDelaysMs,
    logger,
  });
  const jobs = (place: SlackPlace, replies: readonly Reply[]): SendJob[] =>
    replies.flatMap((reply) => toPlatformReply(reply).map((payload) => ({ place, payload })));
  const isBotThread = async (conversationId: string): Promise<boolean> =>
    (await context.references.loadReference(SLACK_CHANNEL, conversationId))?.botThread === true;

  const answer = async (inbound: SlackInbound): Promise<Reply[]> => {
    const { conversationId } = inbound.message;
    await context.references.saveReference(SLACK_CHANNEL, conversationId, {
      ...inbound.place,
      ...((await isBotThread(conversationId)) ? { botThread: true } : {}),
    });
    // The replies' jobs commit with the turn; they are sent from the outbox after it (also what
    // a redelivered, already committed event left unsent). Replies given outside a turn (a staff
    // action refused) were not committed: they are sent as before.
    let committed = false;
    const replies = await context.handle(inbound.message, {
      commit: async (turnReplies) => {
        committed = true;
        await outbox.commit(conversationId, jobs(inbound.place, turnReplies));
      },
    });
    if (!committed && replies.length > 0)
      await outbox.send(conversationId, jobs(inbound.place, replies));
    await outbox.flush();
    return replies;
  };

  const onEvent = async ({ body }: { body: unknown }): Promise<void> => {
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!envelope.success) return;
    // The one thread this event could be in, looked up before the synchronous mapping.
    const { channel, thread_ts: threadTs } = envelope.data.event;
    const thread = threadTs === undefined ? null : toConversationId({ channel, threadTs });
    const inBotThread = thread !== null && (await isBotThread(thread));
    const eventContext = {
      botUserId,
      receivedAt: clock.now(),
      isBotThread: (conversationId: string) => inBotThread && conversationId === thread,
    };
    const inbound = eventToMessage(envelope.data, eventContext);
    if (inbound === null) {
      logger.debug(
        { eventId: envelope.data.event_id, why: skipReason(envelope.data, eventContext) },
        'slack event skipped',
      );
      return;
    }
    await answer(inbound);
  };
  app.event('app_mention', onEvent);
  app.event('message', onEvent);

  // The "Read more" button opens its page in Slack; the action it also sends needs only an ack.
  app.action(READ_MORE_ACTION, async ({ ack }) => {
    await ack();
  });
  app.action(new RegExp(`^${CHOICE_ACTION_PREFIX}\\d+$`), async ({ ack, body }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    const inbound = parsed.success ? actionToMessage(parsed.data, clock.now()) : null;
    if (!parsed.success || inbound === null) return;
    const replies = await answer(inbound);
    const message = parsed.data.message;
    if (replies.length > 0 && message?.blocks !== undefined) {
      // The buttons were answered; replace them with the answer so an old question is not answered twice.
      await app.client.chat
        .update({
          channel: inbound.place.channel,
          ts: message.ts,
          text: message.text ?? '',
          blocks: answeredBlocks(message.blocks, inbound.message.text) as never,
        })
        .catch((error: unknown) =>
          logger.debug({ error: errorMessage(error) }, 'could not remove the buttons'),
        );
    }
  });

  registerWarrantyCommand(app, {
    command: options.warrantyCommand ?? '/warranty',
    ...(options.staffWarranty ? { staffWarranty: options.staffWarranty } : {}),
    ackBudgetMs: options.commandAckBudgetMs ?? 2_000,
    handle: context.handle,
    clock,
    logger,
    inFlight,
  });

  if (options.staffCase)
    registerCaseCommand(app, {
      command: options.caseCommand ?? '/case',
      staffCase: options.staffCase,
      logger,
    });

  app.error(async (error) => {
    logger.error({ error: errorMessage(error) }, 'slack event failed');
  });

  if (requestListener !== null) {
    const guarded = guardSlackRequests(requestListener, {
      maxBodyBytes: context.maxBodyBytes,
      now: () => clock.now(),
      logger,
    });
    context.routes.add('POST', path, (request, response) => guarded(request, response));
  }

  return {
    channel: SLACK_CHANNEL,
    async start() {
      try {
        await app.init();
        const identity = await app.client.auth.test();
        botUserId = identity.user_id ?? '';
      } catch (error) {
        if (isTemporarySlackError(error)) {
          throw new Error(
            `Could not reach the Slack Web API at ${options.apiUrl ?? 'https://slack.com/api/'} (auth.test: ${errorMessage(error)}); check the network, a proxy, or SLACK_API_URL.`,
          );
        }
        throw new Error(
          `Slack refused the bot token (auth.test: ${errorMessage(error)}). Check SLACK_BOT_TOKEN: the "Bot User OAuth Token" (xoxb-…) from the app's OAuth & Permissions page.`,
        );
      }
      if (options.appToken) await app.start();
      logger.info(
        {
          mode: options.appToken ? 'socket' : 'http',
          path: options.appToken ? undefined : path,
          botUserId,
        },
        'slack started',
      );
      await outbox.resume();
    },
    async stop() {
      if (options.appToken)
        await app
          .stop()
          .catch((error: unknown) =>
            logger.warn({ error: errorMessage(error) }, 'slack socket close failed'),
          );
      await inFlight.settled();
      await outbox.close();
    },
    async deliver(conversationId, replies) {
      await deliverTracked(conversationId, replies);
    },
    deliverTracked,
    flush: () => outbox.flush(),
    settled: () => inFlight.settled(),
    async channelMembers(channel) {
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await app.client.conversations.members({
          channel,
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        members.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return members;
    },
  };

  async function deliverTracked(
    conversationId: string,
    replies: readonly Reply[],
  ): Promise<SlackDelivery[]> {
    const place = fromConversationId(conversationId);
    const delivered: SlackDelivery[] = [];
    for (const job of jobs(place, replies)) {
      const ts = await post(job);
      const startsThread = place.threadTs === undefined && !isDirectChannel(place.channel);
      const thread: SlackPlace = startsThread ? { channel: place.channel, threadTs: ts } : place;
      if (startsThread) {
        // A new top-level post (a ticket): replies in its thread come back to the bot.
        await context.references.saveReference(SLACK_CHANNEL, toConversationId(thread), {
          ...thread,
          botThread: true,
        });
      }
      delivered.push({ conversationId: toConversationId(thread), ts });
    }
    return delivered;
  }
}
