/**
 * The staff side of tickets on Teams. A ticket is a new post in the configured channel (through
 * the Teams adapter's `deliverTracked`, which makes the post's thread a conversation of its
 * own); staff reply in that thread mentioning the bot, or press the card's Claim/Resolve, and the
 * adapter passes both to the core like any message, where the composition root routes them to
 * the desk (src/core/handoff/staff-router.ts). After a change the post is re-rendered in place
 * (the connector's update of the activity), so its buttons are always the ones that still apply.
 *
 * The bot can post in a channel only after it has received an activity from it (Teams gives the
 * service URL and the tenant that way): install the app in the team and mention it once there.
 */
import type { StaffChannel } from '../../../src/core/handoff/staff-channel';
import { staffLineReply, ticketCardReply } from '../../../src/core/handoff/ticket-card';
import type { TeamsAdapter } from '../teams-adapter';
import { TEAMS_CHANNEL } from '../to-message';

export interface TeamsStaffChannelOptions {
  /** The running Teams adapter; null while Teams is not started (posts then wait in the outbox). */
  readonly adapter: () => Pick<TeamsAdapter, 'deliver' | 'deliverTracked' | 'updatePost'> | null;
  /** The staff channel's conversation id (19:…@thread.tacv2), `handoff.teamsChannel` in bot.config.json. */
  readonly channel: string;
}

export function createTeamsStaffChannel(options: TeamsStaffChannelOptions): StaffChannel {
  const adapter = (): Pick<TeamsAdapter, 'deliver' | 'deliverTracked' | 'updatePost'> => {
    const running = options.adapter();
    if (!running)
      throw new Error('the Teams channel is not running (TEAMS_ENABLED=1 or MicrosoftAppId set?)');
    return running;
  };
  return {
    target: TEAMS_CHANNEL,
    async postTicket(card) {
      const [first] = await adapter().deliverTracked(options.channel, [ticketCardReply(card)]);
      if (!first) throw new Error('Teams accepted no message for the ticket');
      return first.conversationId;
    },
    // The card in place (its new status and buttons); every change is also a line in the thread.
    async updateTicket(threadId, card) {
      await adapter().updatePost(threadId, ticketCardReply(card));
    },
    async postMessage(reply) {
      const [first] = await adapter().deliverTracked(options.channel, [reply]);
      if (!first) throw new Error('Teams accepted no message for the post');
      return first.conversationId;
    },
    async updateMessage(threadId, reply) {
      await adapter().updatePost(threadId, reply);
    },
    async postLine(threadId, line) {
      await adapter().deliver(threadId, [staffLineReply(line)]);
    },
  };
}
