/**
 * The Slack channel on Bolt, for staff: DMs, @mentions and the `/warranty SERIAL` command.
 * HTTP mode mounts Bolt's HTTPReceiver (which checks the signing secret) on the bot's own server;
 * with an app token it connects by Socket Mode instead.
 *
 * In HTTP mode an event is acknowledged after the core has recorded it and the answer went out
 * (processBeforeResponse), so a crash in between makes Slack deliver it again instead of losing
 * it. An answer slower than Slack's 3 seconds makes Slack retry; the retry carries the same
 * event_id, which the core has already recorded, so it is acknowledged at once and answered once.
 */
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { AdapterContext, ChannelAdapter } from '../../src/core/channel';
import type { Reply } from '../../src/core/message';
import { systemClock, type Clock } from '../../src/core/ports';
import { createInFlight } from '../shared/in-flight';
import { createOutbox, defaultLaterDelaysMs, errorMessage } from '../shared/outbox';
import { defaultRetryPolicy, type RetryPolicy } from '../shared/retry';
import { boltLogger } from './bolt-logger';
import { fromConversationId, isDirectChannel, toConversationId, type SlackPlace } from './conversation-id';
import { blockActionSchema, eventEnvelopeSchema, slashCommandSchema, type SlashCommand } from './payload-schemas';
import { actionToMessage, commandSerial, commandToMessage, eventToMessage, SLACK_CHANNEL, skipReason, type SlackInbound } from './to-message';
import { answeredBlocks, CHOICE_ACTION_PREFIX, toPlatformReply, type SlackMessagePayload } from './to-platform-reply';
import { renderMarkdown } from '../shared/render';
import { slackMrkdwn } from '../shared/platform-renderers';

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
  readonly staffWarranty?: (serial: string) => Promise<string>;
  readonly warrantyCommand?: string;
  /** How long a slash command may take to answer inside Slack's 3-second acknowledgement. */
  readonly commandAckBudgetMs?: number;
  readonly retry?: RetryPolicy;
  readonly laterDelaysMs?: readonly number[];
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
}

interface SendJob {
  readonly place: SlackPlace;
  readonly payload: SlackMessagePayload;
}

/** p-retry settings (the Web API's own retries) from our retry policy. */
function webClientRetryConfig(policy: RetryPolicy) {
  const first = policy.delaysMs[0] ?? 1000;
  const second = policy.delaysMs[1] ?? first;
  return { retries: policy.delaysMs.length, minTimeout: first, maxTimeout: Math.max(...policy.delaysMs, first), factor: second / first || 1, randomize: false };
}

/** The Web API's error codes for "try later": HTTP 5xx, rate limits, the network. */
function isTemporarySlackError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'slack_webapi_http_error' || code === 'slack_webapi_request_error' || code === 'slack_webapi_rate_limited_error';
}

export function createSlackAdapter(options: SlackAdapterOptions, context: AdapterContext): SlackAdapter {
  const logger = context.logger.child({ channel: SLACK_CHANNEL });
  const clock = options.clock ?? systemClock;
  const path = options.path ?? '/slack/events';
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: webClientRetryConfig(options.retry ?? defaultRetryPolicy),
  };
  const receiver: Receiver & { requestListener?: HTTPReceiver['requestListener'] } = options.appToken
    ? new SocketModeReceiver({ appToken: options.appToken, logger: boltLogger(logger), installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: path, logger: boltLogger(logger), processBeforeResponse: true });
  const app = new App({
    token: options.botToken,
    receiver,
    ...(options.appToken ? { socketMode: true, appToken: options.appToken } : {}),
    clientOptions,
    logger: boltLogger(logger),
    deferInitialization: true,
  });
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
    send: async (job) => {
      await post(job);
    },
    isTemporary: isTemporarySlackError,
    laterDelaysMs: options.laterDelaysMs ?? defaultLaterDelaysMs,
    logger,
  });
  const jobs = (place: SlackPlace, replies: readonly Reply[]): SendJob[] => replies.flatMap((reply) => toPlatformReply(reply).map((payload) => ({ place, payload })));
  const isBotThread = (conversationId: string): boolean => context.references.loadReference(SLACK_CHANNEL, conversationId)?.botThread === true;

  const answer = async (inbound: SlackInbound): Promise<Reply[]> => {
    const { conversationId } = inbound.message;
    context.references.saveReference(SLACK_CHANNEL, conversationId, { ...inbound.place, ...(isBotThread(conversationId) ? { botThread: true } : {}) });
    const replies = await context.handle(inbound.message);
    await outbox.send(conversationId, jobs(inbound.place, replies));
    return replies;
  };

  const onEvent = async ({ body }: { body: unknown }): Promise<void> => {
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!envelope.success) return;
    const inbound = eventToMessage(envelope.data, { botUserId, receivedAt: clock.now(), isBotThread });
    if (inbound === null) {
      logger.debug({ eventId: envelope.data.event_id, why: skipReason(envelope.data, { botUserId, receivedAt: clock.now(), isBotThread }) }, 'slack event skipped');
      return;
    }
    await answer(inbound);
  };
  app.event('app_mention', onEvent);
  app.event('message', onEvent);

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
        .update({ channel: inbound.place.channel, ts: message.ts, text: message.text ?? '', blocks: answeredBlocks(message.blocks, inbound.message.text) as never })
        .catch((error: unknown) => logger.debug({ error: errorMessage(error) }, 'could not remove the buttons'));
    }
  });

  const commandAnswer = async (command: SlashCommand): Promise<SlackMessagePayload[]> => {
    const serial = commandSerial(command);
    if (serial === '') return [{ text: `Usage: \`${command.command} SERIAL\`, e.g. \`${command.command} NV12-2301-4567\`` }];
    if (options.staffWarranty !== undefined) return [{ text: renderMarkdown(await options.staffWarranty(serial), slackMrkdwn) }];
    const replies = await context.handle(commandToMessage(command, `warranty ${serial}`, clock.now()));
    return replies.flatMap((reply) => toPlatformReply(reply));
  };
  const ephemeral = (payload: SlackMessagePayload) => ({ response_type: 'ephemeral' as const, text: payload.text, ...(payload.blocks ? { blocks: payload.blocks as never } : {}) });

  app.command(options.warrantyCommand ?? '/warranty', async ({ ack, command, respond }) => {
    const parsed = slashCommandSchema.parse(command);
    const answer = commandAnswer(parsed).catch((error: unknown): SlackMessagePayload[] => {
      logger.error({ command: parsed.command, error: errorMessage(error) }, 'slash command failed');
      return [{ text: 'Sorry, the lookup failed; the details are in the bot\'s log.' }];
    });
    // Slack shows an error unless a command is acknowledged within 3 s: the answer goes in the
    // acknowledgement when it is ready in time, otherwise it follows by response_url.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), options.commandAckBudgetMs ?? 2_000);
    });
    const ready = await Promise.race([answer, late]);
    clearTimeout(timer);
    if (ready !== null) {
      const [first, ...rest] = ready;
      await ack(first === undefined ? undefined : ephemeral(first));
      for (const payload of rest) await respond(ephemeral(payload));
      return;
    }
    await ack();
    void inFlight.track(
      answer.then(async (payloads) => {
        for (const payload of payloads) await respond(ephemeral(payload));
      }).catch((error: unknown) => logger.error({ error: errorMessage(error) }, 'slash command follow-up failed')),
    );
  });

  app.error(async (error) => {
    logger.error({ error: errorMessage(error) }, 'slack event failed');
  });

  if (receiver.requestListener !== undefined) {
    const listener = receiver.requestListener;
    context.routes.add('POST', path, (request, response) => listener(request, response));
  }

  return {
    channel: SLACK_CHANNEL,
    async start() {
      try {
        await app.init();
        const identity = await app.client.auth.test();
        botUserId = identity.user_id ?? '';
      } catch (error) {
        throw new Error(`Slack refused the bot token (auth.test: ${errorMessage(error)}). Check SLACK_BOT_TOKEN: the "Bot User OAuth Token" (xoxb-…) from the app's OAuth & Permissions page.`);
      }
      if (options.appToken) await app.start();
      logger.info({ mode: options.appToken ? 'socket' : 'http', path: options.appToken ? undefined : path, botUserId }, 'slack started');
    },
    async stop() {
      if (options.appToken) await app.stop().catch((error: unknown) => logger.warn({ error: errorMessage(error) }, 'slack socket close failed'));
      await inFlight.settled();
      outbox.close();
    },
    async deliver(conversationId, replies) {
      await deliverTracked(conversationId, replies);
    },
    deliverTracked,
    settled: () => inFlight.settled(),
  };

  async function deliverTracked(conversationId: string, replies: readonly Reply[]): Promise<SlackDelivery[]> {
    const place = fromConversationId(conversationId);
    const delivered: SlackDelivery[] = [];
    for (const job of jobs(place, replies)) {
      const ts = await post(job);
      const startsThread = place.threadTs === undefined && !isDirectChannel(place.channel);
      const thread: SlackPlace = startsThread ? { channel: place.channel, threadTs: ts } : place;
      if (startsThread) {
        // A new top-level post (a ticket): replies in its thread come back to the bot.
        context.references.saveReference(SLACK_CHANNEL, toConversationId(thread), { ...thread, botThread: true });
      }
      delivered.push({ conversationId: toConversationId(thread), ts });
    }
    return delivered;
  }
}
