/**
 * Where tickets go (bot.config.json `handoff.target`): a Slack channel, a Teams channel, or
 * nowhere (the queue read with `aftercare tickets`). The staff channel posts through the running
 * adapter of its platform, looked up when it sends, since the adapters start after the desk.
 */
import { createSlackStaffChannel } from '../adapters/slack/staff/slack-staff-channel';
import { createTeamsStaffChannel } from '../adapters/teams/staff/teams-staff-channel';
import type { TeamsAdapter } from '../adapters/teams/teams-adapter';
import { optionalEnv, type Env } from '../adapters/shared/env';
import type { BotConfig } from './config/config-schema';
import type { ChannelAdapter } from './core/channel';
import type { StaffChannel } from './core/handoff/staff-channel';
import type { Logger } from './core/ports';
import type { SlackAdapter } from '../adapters/slack/slack-adapter';

export function createStaffChannel(
  handoff: BotConfig['handoff'],
  env: Env,
  adapters: () => readonly ChannelAdapter[],
  logger: Logger,
): StaffChannel | null {
  /** The running adapter of `channel`, when it can say where a post landed (`deliverTracked`). */
  const tracking =
    <T extends ChannelAdapter>(channel: string) =>
    (): T | null => {
      const running = adapters().find((adapter) => adapter.channel === channel);
      return running && 'deliverTracked' in running ? (running as T) : null;
    };
  switch (handoff.target) {
    case 'none':
      logger.warn(
        { target: 'none' },
        'handoff.target is "none": hand-offs reach no person; tickets stay in the queue (aftercare tickets)',
      );
      return null;
    case 'slack': {
      // Read as the Slack adapter reads them (blank is unset), so both agree on whether Slack is set up.
      const token = optionalEnv(env, 'SLACK_BOT_TOKEN');
      const apiUrl = optionalEnv(env, 'SLACK_API_URL');
      if (!handoff.slackChannel || !token) {
        logger.warn(
          {
            missing: !handoff.slackChannel
              ? 'handoff.slackChannel in bot.config.json'
              : 'SLACK_BOT_TOKEN',
          },
          'handoff.target is "slack" but Slack is not set up; tickets stay in the queue (aftercare tickets)',
        );
        return null;
      }
      return createSlackStaffChannel({
        adapter: tracking<SlackAdapter>('slack'),
        channel: handoff.slackChannel,
        botToken: token,
        ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
      });
    }
    case 'teams': {
      if (!handoff.teamsChannel) {
        logger.warn(
          { missing: 'handoff.teamsChannel in bot.config.json' },
          'handoff.target is "teams" but no staff channel is set; tickets stay in the queue (aftercare tickets)',
        );
        return null;
      }
      return createTeamsStaffChannel({
        adapter: tracking<TeamsAdapter>('teams'),
        channel: handoff.teamsChannel,
      });
    }
  }
}
