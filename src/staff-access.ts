/**
 * bot.config.json `staffAccess` as the core's StaffAccess: the allow-list per platform, and, with
 * `staffChannelMembers`, the members of the hand-off staff channel, asked of the platform and
 * kept for a few minutes (a member removed from the channel loses access within that time).
 */
import type { StaffAccessSettings } from './config/privacy-schema';
import { errorMessage } from './core/error-message';
import { openStaffAccess, type StaffAccess } from './core/handoff/staff-access';
import type { Clock, Logger } from './core/ports';

/** The members of the staff channel on one platform (user ids). */
export type ChannelMembers = () => Promise<readonly string[]>;

const membersCacheMs = 5 * 60_000;

export function createStaffAccess(
  settings: StaffAccessSettings | undefined,
  options: {
    readonly members: Readonly<Record<string, ChannelMembers | undefined>>;
    readonly clock: Clock;
    readonly logger: Logger;
  },
): StaffAccess {
  if (settings === undefined) {
    options.logger.warn(
      {},
      'staffAccess is not set in bot.config.json: anyone who reaches /warranty or a ticket button may use it (docs/privacy.md)',
    );
    return openStaffAccess;
  }
  const allowList: Readonly<Record<string, readonly string[]>> = {
    slack: settings.slack,
    teams: settings.teams,
  };
  const cache = new Map<string, { at: number; members: ReadonlySet<string> }>();
  const membersOf = async (platform: string): Promise<ReadonlySet<string>> => {
    const now = options.clock.now().getTime();
    const cached = cache.get(platform);
    if (cached && now - cached.at < membersCacheMs) return cached.members;
    const lookup = options.members[platform];
    if (!lookup) return new Set();
    try {
      const members = new Set(await lookup());
      cache.set(platform, { at: now, members });
      return members;
    } catch (error) {
      // Fail closed: nobody outside the allow-list is staff while the platform cannot say.
      options.logger.warn(
        { platform, error: errorMessage(error) },
        'could not read the staff channel members',
      );
      return cached?.members ?? new Set();
    }
  };
  return {
    async allows({ platform, userId }) {
      if (allowList[platform]?.includes(userId) === true) return true;
      return settings.staffChannelMembers && (await membersOf(platform)).has(userId);
    },
  };
}
