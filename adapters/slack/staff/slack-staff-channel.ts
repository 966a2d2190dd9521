/**
 * The staff side of tickets on Slack. A ticket is posted to the configured channel through the
 * Slack adapter's `deliverTracked`, which makes its thread a bot thread: staff replies there and
 * the Claim/Resolve buttons come back through the adapter like any message, and the composition
 * root routes them to the desk (src/core/handoff/staff-router.ts). Re-rendering the ticket after a
 * change is a `chat.update` with a WebClient of our own on the same token.
 */
import { webApi } from '@slack/bolt';
import type { StaffChannel } from '../../../src/core/handoff/staff-channel';
import type { Reply } from '../../../src/core/message';
import { staffLineReply, ticketCardReply } from '../../../src/core/handoff/ticket-card';
import { fromConversationId } from '../conversation-id';
import type { SlackAdapter } from '../slack-adapter';
import { SLACK_CHANNEL } from '../to-message';
import { toPlatformReply } from '../to-platform-reply';

export interface SlackStaffChannelOptions {
  /** The running Slack adapter; null while Slack is not started (posts then wait in the outbox). */
  readonly adapter: () => Pick<SlackAdapter, 'deliver' | 'deliverTracked'> | null;
  /** The staff channel's id (C…), `handoff.slackChannel` in bot.config.json. */
  readonly channel: string;
  readonly botToken: string;
  /** The Web API base URL; Slack's own when unset (tests point it at a stand-in). */
  readonly apiUrl?: string;
}

export function createSlackStaffChannel(options: SlackStaffChannelOptions): StaffChannel {
  // No retries of its own: the hand-off outbox retries, and keeps the job across restarts.
  const client = new webApi.WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
  const adapter = (): Pick<SlackAdapter, 'deliver' | 'deliverTracked'> => {
    const running = options.adapter();
    if (!running)
      throw new Error(
        'the Slack channel is not running (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET set?)',
      );
    return running;
  };
  return {
    target: SLACK_CHANNEL,
    async postTicket(card) {
      const [first] = await adapter().deliverTracked(options.channel, [ticketCardReply(card)]);
      if (!first) throw new Error('Slack accepted no message for the ticket');
      return first.conversationId;
    },
    async updateTicket(threadId, card) {
      await update(threadId, ticketCardReply(card));
    },
    async postMessage(reply) {
      const [first] = await adapter().deliverTracked(options.channel, [reply]);
      if (!first) throw new Error('Slack accepted no message for the post');
      return first.conversationId;
    },
    updateMessage: (threadId, reply) => update(threadId, reply),
    async postLine(threadId, line) {
      await adapter().deliver(threadId, [staffLineReply(line)]);
    },
  };

  async function update(threadId: string, reply: Reply): Promise<void> {
    const place = fromConversationId(threadId);
    const [payload] = toPlatformReply(reply);
    if (!payload || place.threadTs === undefined) return;
    // No blocks (a resolved ticket, a closed case: no buttons) must clear the old ones, hence `[]`.
    await client.chat.update({
      channel: place.channel,
      ts: place.threadTs,
      text: payload.text,
      blocks: (payload.blocks ?? []) as never,
    });
  }
}
