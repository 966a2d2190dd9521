/**
 * Work that must run on one replica only, whatever the storage: on SQLite (one process) it simply
 * runs; on PostgreSQL it runs on the replica that holds the role's leader lock
 * (src/storage/postgres/leader.ts), and moves to another replica when that one stops or dies.
 * The composition root puts Telegram long polling, Slack Socket Mode and its timers (the desk's
 * tick: follow-ups, claim time-outs, outbox retries; the retention sweep; the sweep of a dead
 * replica's jobs) behind roles, and says in the log which replica holds each.
 */
import { errorMessage } from './core/error-message';
import type { Logger } from './core/ports';
import type { Cluster } from './storage/postgres/cluster';

export interface RoleWork {
  /** Called when this replica takes the role (at once on SQLite). */
  start(): Promise<void> | void;
  /** Called when it loses it (its lock's connection ended) or the app closes. */
  stop(): Promise<void> | void;
}

export interface ReplicaRoles {
  /** Whether this replica holds the role after the first try (`alone`: SQLite, no one else). */
  run(role: string, work: RoleWork): Promise<'alone' | 'leader' | 'follower'>;
  stop(): Promise<void>;
}

/** How often a follower tries to take a role whose leader is gone. */
const defaultRetryMs = 5000;

export function createReplicaRoles(
  cluster: Cluster | null,
  logger: Logger,
  retryMs = defaultRetryMs,
): ReplicaRoles {
  const running = new Map<string, RoleWork>();
  const stopWork = async (role: string): Promise<void> => {
    const work = running.get(role);
    running.delete(role);
    await Promise.resolve(work?.stop()).catch((error: unknown) =>
      logger.error({ role, error: errorMessage(error) }, 'stopping a role failed'),
    );
  };
  return {
    async run(role, work) {
      if (cluster === null) {
        running.set(role, work);
        await work.start();
        return 'alone';
      }
      const replica = cluster.replicaId;
      const leader = cluster.leader(role, {
        retryMs,
        onElected: async () => {
          logger.info({ role, replica }, `this replica leads ${role}`);
          running.set(role, work);
          try {
            await work.start();
          } catch (error) {
            // The lock is let go (leader.ts ends its connection), so another replica may try.
            logger.error({ role, replica, error: errorMessage(error) }, `${role} could not start`);
            await stopWork(role);
            throw error;
          }
        },
        onLost: (reason) => {
          logger.error({ role, replica, reason }, `this replica lost the lead of ${role}`);
          void stopWork(role);
        },
      });
      await leader.start();
      if (leader.isLeader) return 'leader';
      const holder = await cluster.leaderOf(role).catch(() => null);
      logger.info(
        { role, replica, leader: holder },
        `${role} runs on replica ${holder ?? '(unknown)'}; this one takes over if that one stops`,
      );
      return 'follower';
    },
    async stop() {
      for (const role of [...running.keys()]) await stopWork(role);
    },
  };
}
