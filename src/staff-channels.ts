/**
 * Where tickets go (bot.config.json `handoff.target`): a Slack channel, a Teams channel, or
 * nowhere (the queue read with `aftercare tickets`). The staff channel posts through the running
 * adapter of its platform, looked up when it sends, since the adapters start after the desk.
 */
import { createSlackStaffChannel } from '../adapters/slack/staff/slack-staff-channel';
import { createTeamsStaffChannel } from '../adapters/teams/staff/teams-staff-channel';
import type { TeamsAdapter } from '../adapters/teams/teams-adapter';
import type { Env } from './channels';
import type { BotConfig } from './config/config-schema';
import type { ChannelAdapter } from './core/channel';
import type { StaffChannel } from './core/handoff/staff-channel';
import type { Logger } from './core/ports';
import type { SlackAdapter } from '../adapters/slack/slack-adapter';

export function createStaffChannel(handoff: BotConfig['handoff'], env: Env, adapters: () => readonly ChannelAdapter[], logger: Logger): StaffChannel | null {
  const find = (channel: string): ChannelAdapter | null => adapters().find((adapter) => adapter.channel === channel) ?? null;
  switch (handoff.target) {
    case 'none':
      return null;
    case 'slack': {
      const token = env.SLACK_BOT_TOKEN;
      if (!handoff.slackChannel || !token) {
        logger.warn({ missing: !handoff.slackChannel ? 'handoff.slackChannel in bot.config.json' : 'SLACK_BOT_TOKEN' }, 'handoff.target is "slack" but Slack is not set up; tickets stay in the queue (aftercare tickets)');
        return null;
      }
      return createSlackStaffChannel({
        adapter: () => {
          const slack = find('slack');
          return slack && 'deliverTracked' in slack ? (slack as SlackAdapter) : null;
        },
        channel: handoff.slackChannel,
        botToken: token,
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/` } : {}),
      });
    }
    case 'teams': {
      if (!handoff.teamsChannel) {
        logger.warn({ missing: 'handoff.teamsChannel in bot.config.json' }, 'handoff.target is "teams" but no staff channel is set; tickets stay in the queue (aftercare tickets)');
        return null;
      }
      return createTeamsStaffChannel({
        adapter: () => {
          const teams = find('teams');
          return teams && 'deliverTracked' in teams ? (teams as TeamsAdapter) : null;
        },
        channel: handoff.teamsChannel,
      });
    }
  }
}
